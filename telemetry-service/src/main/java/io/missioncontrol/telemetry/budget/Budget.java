package io.missioncontrol.telemetry.budget;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.budget.BudgetExceeded;
import io.missioncontrol.contracts.budget.BudgetWarning;
import io.missioncontrol.telemetry.usage.Pricing;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A token-cost limit for an organization ({@code agentId} null) or one of its agents, per UTC day or month. It alerts
 * at 80 % ({@code warning}) and 100 % ({@code exceeded}) of its limit, each once per period: the alerts already sent
 * are the budget's state for the period.
 */
record Budget(UUID id, UUID organizationId, UUID agentId, Period period, BigDecimal limitUsd,
              boolean pauseAgentOnExceed, long version, Instant createdAt, Instant updatedAt) {

    static final int WARNING = 80;
    static final int EXCEEDED = 100;
    static final List<Integer> THRESHOLDS = List.of(WARNING, EXCEEDED);

    enum Period {
        DAILY, MONTHLY;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The start of the period that contains {@code now} (UTC). */
        Instant start(Instant now) {
            if (this == DAILY) {
                return now.truncatedTo(ChronoUnit.DAYS);
            }
            return now.atOffset(ZoneOffset.UTC).with(TemporalAdjusters.firstDayOfMonth()).truncatedTo(ChronoUnit.DAYS)
                    .toInstant();
        }
    }

    /** Whether exceeding the budget pauses its agent: only an agent's own budget can ask for that. */
    boolean pausesAgent() {
        return agentId != null && pauseAgentOnExceed;
    }

    /** The thresholds {@code spent} has reached that were not alerted yet this period, lowest first. */
    List<Integer> newlyCrossed(BigDecimal spent, Set<Integer> alerted) {
        List<Integer> crossed = new ArrayList<>();
        for (int threshold : THRESHOLDS) {
            // spent / limit ≥ threshold %, without dividing
            boolean reached = spent.movePointRight(2).compareTo(limitUsd.multiply(BigDecimal.valueOf(threshold))) >= 0;
            if (reached && !alerted.contains(threshold)) {
                crossed.add(threshold);
            }
        }
        return crossed;
    }

    /** The event of reaching {@code threshold} in the period starting at {@code periodStart}; {@code version} is the budget's after it. */
    DomainEvent alert(int threshold, Instant periodStart, BigDecimal spent, long version) {
        BigDecimal shown = Pricing.shown(spent);
        if (threshold >= EXCEEDED) {
            return new BudgetExceeded(id, organizationId, agentId, period.wire(), periodStart, limitUsd, shown,
                    pausesAgent(), version);
        }
        return new BudgetWarning(id, organizationId, agentId, period.wire(), periodStart, limitUsd, shown, threshold,
                version);
    }
}

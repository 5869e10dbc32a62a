package io.missioncontrol.contracts.budget;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A budget's spend reached {@code thresholdPercent} (80) of its limit in the period starting at {@code periodStart}
 * (a UTC day or month). Published by telemetry-service once per budget, period and threshold. {@code agentId} is null
 * for an organization's budget. Money in USD as decimals. Subject: the budget id.
 */
public record BudgetWarning(UUID budgetId, UUID organizationId, UUID agentId, String period, Instant periodStart,
                            BigDecimal limitUsd, BigDecimal spentUsd, int thresholdPercent, long version)
        implements DomainEvent {

    public static final EventType<BudgetWarning> TYPE =
            new EventType<>("mc.budget.warning.v1", Topics.BUDGETS, "budget", BudgetWarning.class);

    @Override
    public EventType<?> eventType() {
        return TYPE;
    }

    @Override
    public UUID subject() {
        return budgetId;
    }

    @Override
    public UUID tenant() {
        return organizationId;
    }

    @Override
    public long aggregateVersion() {
        return version;
    }

    @Override
    public String summary() {
        return (agentId == null ? "Organization" : "Agent " + agentId) + " spent $" + spentUsd.toPlainString()
                + " of its " + period + " budget of $" + limitUsd.toPlainString() + " (" + thresholdPercent + "%)";
    }
}

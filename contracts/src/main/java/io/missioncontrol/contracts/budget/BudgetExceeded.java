package io.missioncontrol.contracts.budget;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A budget's spend reached its limit (100 %) in the period starting at {@code periodStart} (a UTC day or month).
 * Published by telemetry-service once per budget and period. {@code pauseAgent} is true only for an agent's budget
 * that asks for it: registry-service then pauses {@code agentId}. Money in USD as decimals. Subject: the budget id.
 */
public record BudgetExceeded(UUID budgetId, UUID organizationId, UUID agentId, String period, Instant periodStart,
                             BigDecimal limitUsd, BigDecimal spentUsd, boolean pauseAgent, long version)
        implements DomainEvent {

    public static final EventType<BudgetExceeded> TYPE =
            new EventType<>("mc.budget.exceeded.v1", Topics.BUDGETS, "budget", BudgetExceeded.class);

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
        return (agentId == null ? "Organization" : "Agent " + agentId) + " exceeded its " + period + " budget of $"
                + limitUsd.toPlainString() + " (spent $" + spentUsd.toPlainString() + ")"
                + (pauseAgent ? "; the agent is paused" : "");
    }
}

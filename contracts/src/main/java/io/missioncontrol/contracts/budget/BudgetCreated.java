package io.missioncontrol.contracts.budget;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A token-cost budget was created (telemetry-service), with its whole state: the limit in USD per {@code period}
 * ({@code daily} or {@code monthly}, UTC), for an organization ({@code agentId} null) or one of its agents. Subject:
 * the budget id.
 */
public record BudgetCreated(UUID budgetId, UUID organizationId, UUID agentId, String period, BigDecimal limitUsd,
                             boolean pauseAgentOnExceed, long version) implements DomainEvent {

    public static final EventType<BudgetCreated> TYPE =
            new EventType<>("mc.budget.created.v1", Topics.BUDGETS, "budget", BudgetCreated.class);

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
        return (agentId == null ? "Organization" : "Agent " + agentId) + " budget created: $" + limitUsd.toPlainString()
                + " " + period + (pauseAgentOnExceed ? ", pausing the agent when exceeded" : "");
    }
}

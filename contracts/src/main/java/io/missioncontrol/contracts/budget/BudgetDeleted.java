package io.missioncontrol.contracts.budget;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** A token-cost budget was deleted (telemetry-service); it alerts no more. Subject: the budget id. */
public record BudgetDeleted(UUID budgetId, UUID organizationId, UUID agentId, String period, long version)
        implements DomainEvent {

    public static final EventType<BudgetDeleted> TYPE =
            new EventType<>("mc.budget.deleted.v1", Topics.BUDGETS, "budget", BudgetDeleted.class);

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
        return (agentId == null ? "Organization" : "Agent " + agentId) + " " + period + " budget deleted";
    }
}

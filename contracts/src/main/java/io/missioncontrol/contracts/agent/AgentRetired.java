package io.missioncontrol.contracts.agent;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** An agent was retired for good: it can no longer be assigned work (its past work keeps its name). */
public record AgentRetired(UUID agentId, UUID organizationId, String name, long version) implements DomainEvent {

    public static final EventType<AgentRetired> TYPE =
            new EventType<>("mc.agent.retired.v1", Topics.AGENTS, "agent", AgentRetired.class);

    @Override
    public EventType<?> eventType() {
        return TYPE;
    }

    @Override
    public UUID subject() {
        return agentId;
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
        return "Agent \"" + name + "\" retired";
    }
}

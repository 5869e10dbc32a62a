package io.missioncontrol.contracts.agent;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** An agent moved between {@code provisioning}, {@code active}, {@code paused} and {@code retired}. */
public record AgentStatusChanged(UUID agentId, UUID organizationId, String name, String from, String to, long version) implements DomainEvent {

    public static final EventType<AgentStatusChanged> TYPE =
            new EventType<>("mc.agent.status-changed.v1", Topics.AGENTS, "agent", AgentStatusChanged.class);

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
        return "Agent \"" + name + "\" moved from " + from + " to " + to;
    }
}

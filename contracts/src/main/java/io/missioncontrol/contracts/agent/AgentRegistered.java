package io.missioncontrol.contracts.agent;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.List;
import java.util.UUID;

/** An agent was registered in an organization; it may be assigned work unless it is retired. */
public record AgentRegistered(UUID agentId, UUID organizationId, String name, List<String> capabilities, String status, long version) implements DomainEvent {

    public static final EventType<AgentRegistered> TYPE =
            new EventType<>("mc.agent.registered.v1", Topics.AGENTS, "agent", AgentRegistered.class);

    public AgentRegistered {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }

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
        return "Agent \"" + name + "\" registered";
    }
}

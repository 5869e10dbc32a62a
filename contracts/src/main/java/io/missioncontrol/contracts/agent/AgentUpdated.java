package io.missioncontrol.contracts.agent;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.List;
import java.util.UUID;

/** An agent's name, capabilities or status changed; the data is the agent as it is afterwards. */
public record AgentUpdated(UUID agentId, UUID organizationId, String name, List<String> capabilities, String status, long version) implements DomainEvent {

    public static final EventType<AgentUpdated> TYPE =
            new EventType<>("mc.agent.updated.v1", Topics.AGENTS, "agent", AgentUpdated.class);

    public AgentUpdated {
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
        return "Agent \"" + name + "\" updated";
    }
}

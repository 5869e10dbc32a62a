package io.missioncontrol.contracts.agent;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.List;
import java.util.UUID;

/**
 * An agent was retired for good: it can no longer be assigned work (its past work keeps its name). Its keys are revoked
 * in the same transaction. {@code openTaskIds} are the tasks still assigned to it and not done when it retired: they
 * stay assigned (nothing is unassigned silently), so whoever plans the work can hand them on.
 */
public record AgentRetired(UUID agentId, UUID organizationId, String name, List<UUID> openTaskIds, long version)
        implements DomainEvent {

    public static final EventType<AgentRetired> TYPE =
            new EventType<>("mc.agent.retired.v1", Topics.AGENTS, "agent", AgentRetired.class);

    public AgentRetired {
        openTaskIds = openTaskIds == null ? List.of() : List.copyOf(openTaskIds);
    }

    /** The event as it was first defined, without open tasks: producers compiled against it still build. */
    public AgentRetired(UUID agentId, UUID organizationId, String name, long version) {
        this(agentId, organizationId, name, List.of(), version);
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
        return "Agent \"" + name + "\" retired" + (openTaskIds.isEmpty() ? ""
                : " with " + openTaskIds.size() + " open task(s) still assigned to it");
    }
}

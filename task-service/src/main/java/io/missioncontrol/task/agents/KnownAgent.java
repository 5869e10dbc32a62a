package io.missioncontrol.task.agents;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.agent.AgentRegistered;
import io.missioncontrol.contracts.agent.AgentRetired;
import io.missioncontrol.contracts.agent.AgentStatusChanged;
import io.missioncontrol.contracts.agent.AgentUpdated;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An agent as task-service knows it from the registry's events: enough to decide whether work may be assigned to
 * it. registry-service owns agents; this copy is only ever written by {@link KnownAgentListener}.
 *
 * @param status  {@code provisioning}, {@code active}, {@code paused} or {@code retired}
 * @param version      the agent's event version; an older or repeated event never overwrites a newer state
 * @param capabilities what the agent needs of a runtime; null when the event did not say (status changes), which
 *                     keeps the stored ones
 */
public record KnownAgent(UUID id, UUID organizationId, String name, String status, long version,
                         List<String> capabilities) {

    static final String RETIRED = "retired";

    public boolean retired() {
        return RETIRED.equals(status);
    }

    /** The agent as an {@code mc.agents} event leaves it; empty for an event that says nothing about an agent. */
    static Optional<KnownAgent> from(DomainEvent event) {
        if (event instanceof AgentRegistered registered) {
            return Optional.of(new KnownAgent(registered.agentId(), registered.organizationId(), registered.name(),
                    registered.status(), registered.version(), registered.capabilities()));
        }
        if (event instanceof AgentUpdated updated) {
            return Optional.of(new KnownAgent(updated.agentId(), updated.organizationId(), updated.name(),
                    updated.status(), updated.version(), updated.capabilities()));
        }
        if (event instanceof AgentStatusChanged changed) {
            return Optional.of(new KnownAgent(changed.agentId(), changed.organizationId(), changed.name(),
                    changed.to(), changed.version(), null));
        }
        if (event instanceof AgentRetired retired) {
            return Optional.of(new KnownAgent(retired.agentId(), retired.organizationId(), retired.name(), RETIRED,
                    retired.version(), null));
        }
        return Optional.empty();
    }
}

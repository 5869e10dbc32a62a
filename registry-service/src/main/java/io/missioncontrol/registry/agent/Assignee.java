package io.missioncontrol.registry.agent;

import java.util.List;
import java.util.UUID;

/**
 * An agent as dispatch needs it: where it belongs, whether it may be given work, the runtime it names as its own
 * (unchecked since it was set: the runtime may have been removed) and its capabilities.
 */
public record Assignee(UUID id, UUID organizationId, String name, AgentStatus status, UUID runtimeId,
                       List<String> capabilities) {

    public Assignee {
        capabilities = List.copyOf(capabilities);
    }

    /** Paused and retired agents take no work; a provisioning one may: its runtime is what brings it up. */
    public boolean dispatchable() {
        return status == AgentStatus.PROVISIONING || status == AgentStatus.ACTIVE;
    }
}

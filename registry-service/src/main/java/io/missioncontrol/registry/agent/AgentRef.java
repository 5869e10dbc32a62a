package io.missioncontrol.registry.agent;

import java.util.UUID;

/** An agent as other features of the registry need it (its keys): who it is, where, and whether it is retired. */
public record AgentRef(UUID id, UUID organizationId, String name, String status) {

    public boolean retired() {
        return AgentStatus.RETIRED.wire().equals(status);
    }
}

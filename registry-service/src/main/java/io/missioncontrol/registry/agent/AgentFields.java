package io.missioncontrol.registry.agent;

import java.util.List;
import java.util.UUID;

/** A new agent's fields, validated ({@link AgentPatch#parseCreate}). */
record AgentFields(UUID organizationId, String name, String description, List<String> capabilities,
                   String modelSettings, AgentConfig config, UUID runtimeId) {

    AgentFields {
        capabilities = List.copyOf(capabilities);
    }
}

package io.missioncontrol.registry.agent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An agent as the API shows it. {@code config_source} is the runtime configuration exactly as written (JSON5,
 * comments included); {@code config} is the same document as a JSON object. {@code leads_boards} are the boards
 * whose lead agent it is, as task-service last announced them.
 */
record AgentView(UUID id, UUID organizationId, String name, String description, List<String> capabilities,
                 JsonNode modelSettings, String configSource, JsonNode config, UUID runtimeId, AgentStatus status,
                 Presence presence, List<UUID> leadsBoards, String createdBy, Instant createdAt, String updatedBy,
                 Instant updatedAt, long version) {

    /** What telemetry last said: online or not, and when it last heard from the agent (null: never). */
    record Presence(boolean online, Instant lastSeenAt) {

        static final Presence NEVER_SEEN = new Presence(false, null);
    }

    static AgentView of(Agent agent, Presence presence, List<UUID> leadsBoards) {
        return new AgentView(agent.id(), agent.organizationId(), agent.name(), agent.description(),
                agent.capabilities(), AgentConfig.tree(agent.modelSettings()), agent.configSource(),
                AgentConfig.tree(agent.config()), agent.runtimeId(), agent.state(), presence, List.copyOf(leadsBoards),
                agent.createdBy(), agent.createdAt(), agent.updatedBy(), agent.updatedAt(), agent.version());
    }
}

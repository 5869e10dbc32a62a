package io.missioncontrol.registry.agent;

import io.missioncontrol.platform.web.Page;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code agent} table, and the read models an agent's answer needs (boards it leads). */
@Component
class AgentStore {

    /** An agent with what telemetry says about it. */
    record Stored(Agent agent, AgentView.Presence presence) {
    }

    /** What a list asks for; null fields do not filter. */
    record Filter(UUID organizationId, AgentStatus status, Boolean online, String capability, String text) {
    }

    private final DatabaseClient db;

    AgentStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(Agent agent) {
        GenericExecuteSpec spec = db.sql("""
                        INSERT INTO agent (id, organization_id, name, description, capabilities, model_settings,
                                           config_source, config, runtime_id, status, created_by, created_at,
                                           updated_by, updated_at, version)
                        VALUES (:id, :organizationId, :name, :description, :capabilities, :modelSettings,
                                :configSource, :config, :runtimeId, :status, :createdBy, :createdAt,
                                :updatedBy, :updatedAt, :version)""")
                .bind("id", agent.id())
                .bind("organizationId", agent.organizationId())
                .bind("createdBy", agent.createdBy())
                .bind("createdAt", agent.createdAt());
        return fields(spec, agent).then();
    }

    Mono<Stored> find(UUID id) {
        return db.sql("SELECT * FROM agent WHERE id = :id").bind("id", id).map(AgentStore::stored).one();
    }

    /**
     * The agent, locked until the transaction ends. Changes of one agent, and the issuing of its keys, take turns on
     * this row: a key cannot be issued while the agent is being retired and survive the retirement.
     */
    Mono<Agent> lock(UUID id) {
        return db.sql("SELECT * FROM agent WHERE id = :id FOR NO KEY UPDATE").bind("id", id)
                .map(AgentStore::agent).one();
    }

    /** Writes the agent's new state; callers hold the row lock, so the version condition is the last defence. */
    Mono<Void> update(Agent agent, long expectedVersion) {
        GenericExecuteSpec spec = db.sql("""
                        UPDATE agent SET name = :name, description = :description, capabilities = :capabilities,
                                         model_settings = :modelSettings, config_source = :configSource,
                                         config = :config, runtime_id = :runtimeId, status = :status,
                                         updated_by = :updatedBy, updated_at = :updatedAt, version = :version
                        WHERE id = :id AND version = :expected""")
                .bind("id", agent.id())
                .bind("expected", expectedVersion);
        return fields(spec, agent).flatMap(rows -> rows == 1 ? Mono.<Void>empty()
                : Mono.error(new OptimisticLockingFailureException(
                        "Agent " + agent.id() + " is no longer at version " + expectedVersion)));
    }

    private static Mono<Long> fields(GenericExecuteSpec spec, Agent agent) {
        spec = spec.bind("name", agent.name())
                .bind("capabilities", agent.capabilities().toArray(String[]::new))
                .bind("modelSettings", Json.of(agent.modelSettings()))
                .bind("status", agent.status())
                .bind("updatedBy", agent.updatedBy())
                .bind("updatedAt", agent.updatedAt())
                .bind("version", agent.version());
        spec = nullable(spec, "description", agent.description(), String.class);
        spec = nullable(spec, "configSource", agent.configSource(), String.class);
        spec = agent.config() == null ? spec.bindNull("config", Json.class) : spec.bind("config", Json.of(agent.config()));
        spec = nullable(spec, "runtimeId", agent.runtimeId(), UUID.class);
        return spec.fetch().rowsUpdated();
    }

    /** A page of an organization's agents, newest first; {@code limit} rows at most. */
    Flux<Stored> page(Filter filter, Page.Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT * FROM agent
                WHERE organization_id = :organizationId AND (created_at, id) < (:afterTime, :afterId)""");
        if (filter.status() != null) {
            sql.append(" AND status = :status");
        }
        if (filter.online() != null) {
            sql.append(" AND online = :online");
        }
        if (filter.capability() != null) {
            sql.append(" AND capabilities @> ARRAY[CAST(:capability AS text)]");
        }
        if (filter.text() != null) {
            sql.append(" AND (name ILIKE :text ESCAPE '\\' OR description ILIKE :text ESCAPE '\\')");
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        GenericExecuteSpec spec = db.sql(sql.toString())
                .bind("organizationId", filter.organizationId())
                .bind("afterTime", after.time())
                .bind("afterId", after.id())
                .bind("limit", limit);
        if (filter.status() != null) {
            spec = spec.bind("status", filter.status().wire());
        }
        if (filter.online() != null) {
            spec = spec.bind("online", filter.online());
        }
        if (filter.capability() != null) {
            spec = spec.bind("capability", filter.capability());
        }
        if (filter.text() != null) {
            spec = spec.bind("text", "%" + filter.text().replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        return spec.map(AgentStore::stored).all();
    }

    /** The boards each agent leads (open boards only), in one query for a whole page. */
    Mono<Map<UUID, List<UUID>>> leads(List<UUID> agents) {
        if (agents.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("""
                        SELECT lead_agent_id, id FROM board_ref
                        WHERE lead_agent_id = ANY(:agents) AND NOT closed ORDER BY id""")
                .bind("agents", agents.toArray(UUID[]::new))
                .map((row, meta) -> Map.entry(row.get("lead_agent_id", UUID.class), row.get("id", UUID.class)))
                .all()
                .collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
                .map(found -> {
                    Map<UUID, List<UUID>> leads = new HashMap<>();
                    found.forEach((agent, boards) -> leads.put(agent, List.copyOf(boards)));
                    return leads;
                });
    }

    /**
     * Records what telemetry says, unless it already recorded something newer: presence events carry their own
     * version, which counts the agent's presence transitions. An agent the registry does not know is left alone.
     */
    Mono<Void> presence(UUID agent, boolean online, Instant lastSeenAt, long version) {
        GenericExecuteSpec spec = db.sql("""
                        UPDATE agent SET online = :online, last_seen_at = COALESCE(:lastSeenAt, last_seen_at),
                                         presence_version = :version
                        WHERE id = :id AND presence_version < :version""")
                .bind("id", agent)
                .bind("online", online)
                .bind("version", version);
        return nullable(spec, "lastSeenAt", lastSeenAt, Instant.class).then();
    }

    private static Stored stored(Readable row) {
        return new Stored(agent(row), new AgentView.Presence(Boolean.TRUE.equals(row.get("online", Boolean.class)),
                row.get("last_seen_at", Instant.class)));
    }

    private static Agent agent(Readable row) {
        String[] capabilities = row.get("capabilities", String[].class);
        Json modelSettings = row.get("model_settings", Json.class);
        Json config = row.get("config", Json.class);
        return new Agent(row.get("id", UUID.class), row.get("organization_id", UUID.class),
                row.get("name", String.class), row.get("description", String.class),
                capabilities == null ? List.of() : Arrays.asList(capabilities),
                modelSettings == null ? "{}" : modelSettings.asString(), row.get("config_source", String.class),
                config == null ? null : config.asString(), row.get("runtime_id", UUID.class),
                row.get("status", String.class), row.get("created_by", String.class),
                row.get("created_at", Instant.class), row.get("updated_by", String.class),
                row.get("updated_at", Instant.class), row.get("version", Long.class));
    }

    private static <T> GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}

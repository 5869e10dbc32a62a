package io.missioncontrol.approval.agents;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.agent.AgentRegistered;
import io.missioncontrol.contracts.agent.AgentRetired;
import io.missioncontrol.contracts.agent.AgentStatusChanged;
import io.missioncontrol.contracts.agent.AgentUpdated;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code known_agent} read model from {@code mc.agents}: an execution request names the capabilities its agent
 * declared, so the registry can pick a runtime without asking back.
 */
@Component
public class KnownAgents {

    private final DatabaseClient db;
    private final Clock clock;

    KnownAgents(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The agent's declared capabilities; empty when the agent is unknown here (yet). */
    public Mono<List<String>> capabilities(UUID agentId) {
        return db.sql("SELECT capabilities FROM known_agent WHERE id = :id")
                .bind("id", agentId)
                .map((row, meta) -> Arrays.asList(row.get("capabilities", String[].class)))
                .one()
                .defaultIfEmpty(List.of());
    }

    /** Applies an agent event unless the row already holds a state at least as new. */
    Mono<Void> apply(DomainEvent event) {
        if (event instanceof AgentRegistered registered) {
            return upsert(registered.agentId(), registered.organizationId(), registered.capabilities(),
                    registered.status(), registered.version());
        }
        if (event instanceof AgentUpdated updated) {
            return upsert(updated.agentId(), updated.organizationId(), updated.capabilities(), updated.status(),
                    updated.version());
        }
        if (event instanceof AgentStatusChanged changed) {
            return status(changed.agentId(), changed.organizationId(), changed.to(), changed.version());
        }
        if (event instanceof AgentRetired retired) {
            return status(retired.agentId(), retired.organizationId(), "retired", retired.version());
        }
        return Mono.empty();
    }

    private Mono<Void> upsert(UUID id, UUID organizationId, List<String> capabilities, String status, long version) {
        return db.sql("""
                        INSERT INTO known_agent (id, organization_id, capabilities, status, version, updated_at)
                        VALUES (:id, :organization, :capabilities, :status, :version, :now)
                        ON CONFLICT (id) DO UPDATE SET organization_id = EXCLUDED.organization_id,
                            capabilities = EXCLUDED.capabilities, status = EXCLUDED.status,
                            version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
                        WHERE known_agent.version < EXCLUDED.version""")
                .bind("id", id)
                .bind("organization", organizationId)
                .bind("capabilities", (capabilities == null ? List.<String>of() : capabilities).toArray(String[]::new))
                .bind("status", status)
                .bind("version", version)
                .bind("now", clock.instant())
                .then();
    }

    /** A status event carries no capabilities: it keeps the known ones (none for an agent first seen by it). */
    private Mono<Void> status(UUID id, UUID organizationId, String status, long version) {
        return db.sql("""
                        INSERT INTO known_agent (id, organization_id, capabilities, status, version, updated_at)
                        VALUES (:id, :organization, '{}', :status, :version, :now)
                        ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version,
                            updated_at = EXCLUDED.updated_at
                        WHERE known_agent.version < EXCLUDED.version""")
                .bind("id", id)
                .bind("organization", organizationId)
                .bind("status", status)
                .bind("version", version)
                .bind("now", clock.instant())
                .then();
    }
}

package io.missioncontrol.task.agents;

import java.time.Clock;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The {@code known_agent} read model: written from the registry's events, read by the assignment rule. */
@Component
public class KnownAgents {

    private final DatabaseClient db;
    private final Clock clock;

    KnownAgents(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Passes when a task of the organization may be assigned to the agent ({@link AssignmentRule}); else the
     * refusal. Reads the committed state: an agent retired a moment ago may still get work, as it would have a
     * moment earlier; the registry's event is the line, not the clock.
     */
    public Mono<Void> requireAssignable(UUID organizationId, UUID agentId) {
        return find(agentId)
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .doOnNext(known -> AssignmentRule.check(organizationId, agentId, known.orElse(null)))
                .then();
    }

    Mono<KnownAgent> find(UUID id) {
        return db.sql("SELECT id, organization_id, name, status, version FROM known_agent WHERE id = :id")
                .bind("id", id)
                .map((row, meta) -> new KnownAgent(row.get("id", UUID.class), row.get("organization_id", UUID.class),
                        row.get("name", String.class), row.get("status", String.class), row.get("version", Long.class)))
                .one();
    }

    /** Stores the agent unless a state at least as new is already stored (events may arrive again or late). */
    Mono<Void> apply(KnownAgent agent) {
        return db.sql("""
                        INSERT INTO known_agent (id, organization_id, name, status, version, updated_at)
                        VALUES (:id, :organization, :name, :status, :version, :now)
                        ON CONFLICT (id) DO UPDATE SET organization_id = EXCLUDED.organization_id,
                            name = EXCLUDED.name, status = EXCLUDED.status, version = EXCLUDED.version,
                            updated_at = EXCLUDED.updated_at
                        WHERE known_agent.version < EXCLUDED.version""")
                .bind("id", agent.id())
                .bind("organization", agent.organizationId())
                .bind("name", agent.name())
                .bind("status", agent.status())
                .bind("version", agent.version())
                .bind("now", clock.instant())
                .then();
    }
}

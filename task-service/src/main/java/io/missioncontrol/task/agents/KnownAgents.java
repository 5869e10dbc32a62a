package io.missioncontrol.task.agents;

import java.time.Clock;
import java.util.List;
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

    /** The capabilities a runtime needs to run the agent's work; empty when the agent is unknown. */
    public Mono<List<String>> capabilities(UUID agentId) {
        return find(agentId).map(KnownAgent::capabilities).defaultIfEmpty(List.of());
    }

    Mono<KnownAgent> find(UUID id) {
        return db.sql("SELECT id, organization_id, name, status, version, capabilities FROM known_agent WHERE id = :id")
                .bind("id", id)
                .map((row, meta) -> {
                    String[] capabilities = row.get("capabilities", String[].class);
                    return new KnownAgent(row.get("id", UUID.class), row.get("organization_id", UUID.class),
                            row.get("name", String.class), row.get("status", String.class), row.get("version", Long.class),
                            capabilities == null ? List.of() : List.of(capabilities));
                })
                .one();
    }

    /** Stores the agent unless a state at least as new is already stored (events may arrive again or late). */
    Mono<Void> apply(KnownAgent agent) {
        var spec = db.sql("""
                        INSERT INTO known_agent (id, organization_id, name, status, version, updated_at, capabilities)
                        VALUES (:id, :organization, :name, :status, :version, :now,
                                COALESCE(CAST(:capabilities AS TEXT[]), '{}'))
                        ON CONFLICT (id) DO UPDATE SET organization_id = EXCLUDED.organization_id,
                            name = EXCLUDED.name, status = EXCLUDED.status, version = EXCLUDED.version,
                            updated_at = EXCLUDED.updated_at,
                            capabilities = COALESCE(CAST(:capabilities AS TEXT[]), known_agent.capabilities)
                        WHERE known_agent.version < EXCLUDED.version""")
                .bind("id", agent.id())
                .bind("organization", agent.organizationId())
                .bind("name", agent.name())
                .bind("status", agent.status())
                .bind("version", agent.version())
                .bind("now", clock.instant());
        return (agent.capabilities() == null ? spec.bindNull("capabilities", String[].class)
                : spec.bind("capabilities", agent.capabilities().toArray(String[]::new))).then();
    }
}

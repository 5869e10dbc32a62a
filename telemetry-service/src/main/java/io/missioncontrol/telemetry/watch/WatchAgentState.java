package io.missioncontrol.telemetry.watch;

import io.missioncontrol.contracts.telemetry.Heartbeat;
import io.r2dbc.postgresql.codec.Json;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * What telemetry keeps per Watch agent between reports: its last token totals (to turn the next ones into deltas), its
 * last status (so an error report can travel in a heartbeat), and error lines that came before any status.
 */
@Repository
class WatchAgentState {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final TypeReference<List<Heartbeat.ErrorEntry>> ERRORS = new TypeReference<>() {
    };

    private final DatabaseClient db;

    WatchAgentState(DatabaseClient db) {
        this.db = db;
    }

    record State(WatchMapping.Counters counters, WatchReports.Status lastStatus, List<Heartbeat.ErrorEntry> pending) {
    }

    /** The agent's state, locked until the transaction ends, so two reports of one agent never count a delta twice. */
    Mono<State> lock(UUID agentId) {
        return db.sql("""
                        SELECT context_tokens, total_tokens, last_status, pending_errors
                        FROM watch_agent_state WHERE agent_id = :agentId FOR UPDATE""")
                .bind("agentId", agentId)
                .map(row -> {
                    Long context = row.get("context_tokens", Long.class);
                    Long total = row.get("total_tokens", Long.class);
                    Json status = row.get("last_status", Json.class);
                    Json pending = row.get("pending_errors", Json.class);
                    return new State(context == null || total == null ? null : new WatchMapping.Counters(context, total),
                            status == null ? null : JSON.readValue(status.asString(), WatchReports.Status.class),
                            pending == null ? List.of() : JSON.readValue(pending.asString(), ERRORS));
                })
                .one();
    }

    Mono<Void> saveStatus(UUID agentId, UUID organizationId, WatchMapping.Counters counters,
                          WatchReports.Status status) {
        return db.sql("""
                        INSERT INTO watch_agent_state (agent_id, organization_id, context_tokens, total_tokens,
                                                       last_status, pending_errors, updated_at)
                        VALUES (:agentId, :organizationId, :context, :total, :status, '[]', now())
                        ON CONFLICT (agent_id) DO UPDATE SET organization_id = EXCLUDED.organization_id,
                            context_tokens = EXCLUDED.context_tokens, total_tokens = EXCLUDED.total_tokens,
                            last_status = EXCLUDED.last_status, pending_errors = '[]', updated_at = now()""")
                .bind("agentId", agentId)
                .bind("organizationId", organizationId)
                .bind("context", counters.contextTokens())
                .bind("total", counters.totalTokens())
                .bind("status", Json.of(JSON.writeValueAsString(status)))
                .then();
    }

    Mono<Void> holdError(UUID agentId, UUID organizationId, Heartbeat.ErrorEntry error) {
        return db.sql("""
                        INSERT INTO watch_agent_state (agent_id, organization_id, pending_errors, updated_at)
                        VALUES (:agentId, :organizationId, jsonb_build_array(CAST(:error AS JSONB)), now())
                        ON CONFLICT (agent_id) DO UPDATE SET
                            pending_errors = watch_agent_state.pending_errors || EXCLUDED.pending_errors,
                            updated_at = now()""")
                .bind("agentId", agentId)
                .bind("organizationId", organizationId)
                .bind("error", JSON.writeValueAsString(error))
                .then();
    }
}

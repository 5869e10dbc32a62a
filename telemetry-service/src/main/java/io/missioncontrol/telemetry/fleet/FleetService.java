package io.missioncontrol.telemetry.fleet;

import io.missioncontrol.telemetry.usage.Pricing;
import io.missioncontrol.telemetry.usage.Pricing.Cost;
import io.missioncontrol.telemetry.usage.Pricing.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The fleet of one organization in two queries, whatever its size: every agent telemetry knows (from its heartbeats)
 * with its presence, latest heartbeat, tokens today and latest error (one statement, lateral lookups on the per-agent
 * keys), and today's tokens per agent and model for the cost (the hourly token rollup).
 */
@Service
class FleetService {

    private final DatabaseClient db;
    private final Pricing pricing;
    private final Clock clock;

    FleetService(DatabaseClient db, Pricing pricing, Clock clock) {
        this.db = db;
        this.pricing = pricing;
        this.clock = clock;
    }

    record Latest(Instant time, String runtimeStatus, String runtimeVersion, double cpuPercent, long memoryTotalBytes,
                  long memoryUsedBytes, long diskTotalBytes, long diskUsedBytes, double rxBytesPerSecond,
                  double txBytesPerSecond) {
    }

    record LatestError(Instant loggedAt, String level, String message) {
    }

    record AgentRow(UUID agentId, boolean online, Instant lastSeenAt, Latest latest, Tokens tokensToday,
                    LatestError latestError) {
    }

    record Fleet(List<AgentRow> agents, Map<UUID, Cost> costToday, Instant today) {
    }

    Mono<Fleet> fleet(UUID organizationId) {
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        OffsetDateTime todayAt = OffsetDateTime.ofInstant(today, ZoneOffset.UTC);
        Mono<List<AgentRow>> agents = db.sql("""
                        SELECT p.agent_id, p.online, p.last_seen_at,
                               h.time, h.runtime_status, h.runtime_version, h.cpu_percent, h.memory_total_bytes,
                               h.memory_used_bytes, h.disk_total_bytes, h.disk_used_bytes,
                               h.network_rx_bytes_per_second, h.network_tx_bytes_per_second,
                               t.input_tokens, t.output_tokens, t.cached_tokens,
                               e.logged_at AS error_logged_at, e.level AS error_level, e.message AS error_message
                        FROM agent_presence p
                        LEFT JOIN LATERAL (SELECT * FROM heartbeat WHERE agent_id = p.agent_id
                                           ORDER BY time DESC LIMIT 1) h ON TRUE
                        LEFT JOIN LATERAL (SELECT sum(input_tokens) AS input_tokens,
                                                  sum(output_tokens) AS output_tokens,
                                                  sum(cached_tokens) AS cached_tokens
                                           FROM heartbeat_hour WHERE agent_id = p.agent_id AND bucket >= :today) t
                               ON TRUE
                        LEFT JOIN LATERAL (SELECT logged_at, level, message FROM agent_error
                                           WHERE agent_id = p.agent_id AND level IN ('error', 'fatal')
                                           ORDER BY logged_at DESC LIMIT 1) e ON TRUE
                        WHERE p.organization_id = :organizationId
                        ORDER BY p.agent_id""")
                .bind("organizationId", organizationId)
                .bind("today", todayAt)
                .map(row -> {
                    OffsetDateTime time = row.get("time", OffsetDateTime.class);
                    Latest latest = time == null ? null : new Latest(time.toInstant(),
                            row.get("runtime_status", String.class), row.get("runtime_version", String.class),
                            row.get("cpu_percent", Double.class), row.get("memory_total_bytes", Long.class),
                            row.get("memory_used_bytes", Long.class), row.get("disk_total_bytes", Long.class),
                            row.get("disk_used_bytes", Long.class),
                            row.get("network_rx_bytes_per_second", Double.class),
                            row.get("network_tx_bytes_per_second", Double.class));
                    Number input = row.get("input_tokens", Number.class);
                    Tokens tokens = input == null ? Tokens.NONE : new Tokens(input.longValue(),
                            row.get("output_tokens", Number.class).longValue(),
                            row.get("cached_tokens", Number.class).longValue());
                    OffsetDateTime errorAt = row.get("error_logged_at", OffsetDateTime.class);
                    LatestError error = errorAt == null ? null : new LatestError(errorAt.toInstant(),
                            row.get("error_level", String.class), row.get("error_message", String.class));
                    return new AgentRow(row.get("agent_id", UUID.class),
                            Boolean.TRUE.equals(row.get("online", Boolean.class)),
                            row.get("last_seen_at", OffsetDateTime.class).toInstant(), latest, tokens, error);
                })
                .all()
                .collectList();
        Mono<Map<UUID, Cost>> cost = db.sql("""
                        SELECT agent_id, model, sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
                               sum(cached_tokens) AS cached_tokens
                        FROM token_usage_hour
                        WHERE organization_id = :organizationId AND bucket >= :today
                        GROUP BY agent_id, model""")
                .bind("organizationId", organizationId)
                .bind("today", todayAt)
                .map(row -> Map.entry(row.get("agent_id", UUID.class),
                        pricing.cost(row.get("model", String.class), new Tokens(
                                row.get("input_tokens", Number.class).longValue(),
                                row.get("output_tokens", Number.class).longValue(),
                                row.get("cached_tokens", Number.class).longValue()))))
                .all()
                .collect(HashMap<UUID, Cost>::new, (map, entry) -> map.merge(entry.getKey(), entry.getValue(), Cost::plus))
                .map(map -> (Map<UUID, Cost>) map);
        return Mono.zip(agents, cost).map(both -> new Fleet(both.getT1(), both.getT2(), today));
    }
}

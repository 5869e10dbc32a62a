package io.missioncontrol.telemetry.trends;

import io.missioncontrol.telemetry.reading.TelemetryAccess.Scope;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Series from the rollups, never from raw points: minutes from {@code heartbeat_minute}, hours and days from
 * {@code heartbeat_hour}. A bucket's average is the sum over its samples divided by their count, across every agent of
 * the scope (for an organization: the average host); its maximum is the largest single sample. Buckets without a
 * heartbeat are left out.
 */
@Service
class TrendService {

    private final DatabaseClient db;

    TrendService(DatabaseClient db) {
        this.db = db;
    }

    /** One bucket; the fields of other metrics are null. */
    record Point(Instant time, long samples, long agents, Double avg, Double max, Long totalBytes, Double rxAvg,
                 Double rxMax, Double txAvg, Double txMax) {
    }

    Mono<List<Point>> series(Scope scope, TrendQuery query) {
        String values = switch (query.metric()) {
            case CPU -> "sum(cpu_percent_sum) / sum(samples) AS avg, max(cpu_percent_max) AS max";
            case MEMORY -> "CAST(sum(memory_used_bytes_sum) / sum(samples) AS FLOAT8) AS avg, "
                    + "CAST(max(memory_used_bytes_max) AS FLOAT8) AS max, max(memory_total_bytes_max) AS total";
            case DISK -> "CAST(sum(disk_used_bytes_sum) / sum(samples) AS FLOAT8) AS avg, "
                    + "CAST(max(disk_used_bytes_max) AS FLOAT8) AS max, max(disk_total_bytes_max) AS total";
            case NETWORK -> "sum(network_rx_bytes_per_second_sum) / sum(samples) AS rx_avg, "
                    + "max(network_rx_bytes_per_second_max) AS rx_max, "
                    + "sum(network_tx_bytes_per_second_sum) / sum(samples) AS tx_avg, "
                    + "max(network_tx_bytes_per_second_max) AS tx_max";
        };
        var spec = db.sql("SELECT date_trunc('" + query.bucket().wire() + "', bucket, 'UTC') AS time, "
                        + "sum(samples) AS samples, count(DISTINCT agent_id) AS agents, " + values
                        + " FROM " + query.bucket().table
                        + " WHERE organization_id = :organizationId"
                        + (scope.isAgent() ? " AND agent_id = :agentId" : "")
                        + " AND bucket >= :from AND bucket < :to GROUP BY 1 ORDER BY 1")
                .bind("organizationId", scope.organizationId())
                .bind("from", OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC))
                .bind("to", OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        if (scope.isAgent()) {
            spec = spec.bind("agentId", scope.agentId());
        }
        TrendQuery.Metric metric = query.metric();
        return spec.map(row -> {
                    Instant time = row.get("time", OffsetDateTime.class).toInstant();
                    long samples = row.get("samples", Number.class).longValue();
                    long agents = row.get("agents", Number.class).longValue();
                    if (metric == TrendQuery.Metric.NETWORK) {
                        return new Point(time, samples, agents, null, null, null, row.get("rx_avg", Double.class),
                                row.get("rx_max", Double.class), row.get("tx_avg", Double.class),
                                row.get("tx_max", Double.class));
                    }
                    Number total = metric == TrendQuery.Metric.CPU ? null : row.get("total", Number.class);
                    return new Point(time, samples, agents, row.get("avg", Double.class), row.get("max", Double.class),
                            total == null ? null : total.longValue(), null, null, null, null);
                })
                .all()
                .collectList();
    }
}

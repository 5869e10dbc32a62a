package io.missioncontrol.telemetry.heartbeat;

import io.missioncontrol.contracts.telemetry.Heartbeat;
import io.missioncontrol.telemetry.presence.PresenceService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Stores a batch of heartbeats in one transaction: raw points with one multi-row {@code INSERT … SELECT FROM unnest}
 * per table ({@code ON CONFLICT DO NOTHING}: a redelivered heartbeat is stored once), then — only for heartbeats
 * actually inserted — the rollups of the buckets they fall in, recomputed from the raw rows, and the agents' presence.
 * Recomputing a bucket instead of adding to it keeps rollups equal to the raw data whatever arrives late or twice.
 */
@Component
class HeartbeatWriter {

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final PresenceService presence;

    HeartbeatWriter(DatabaseClient db, TransactionalOperator transactions, PresenceService presence) {
        this.db = db;
        this.transactions = transactions;
        this.presence = presence;
    }

    /** @return how many heartbeats were new (the rest had been stored before) */
    Mono<Integer> write(List<Heartbeat> batch) {
        if (batch.isEmpty()) {
            return Mono.just(0);
        }
        // One row per (agent, time), in key order: a stable lock order for concurrent writers.
        // Times at PostgreSQL's precision, so the keys it returns match ours (the endpoint sends no finer ones,
        // but the topic is open to other producers).
        Map<Key, Heartbeat> unique = new HashMap<>();
        batch.stream().map(HeartbeatWriter::atMicros)
                .forEach(h -> unique.putIfAbsent(new Key(h.agentId(), h.time()), h));
        List<Heartbeat> heartbeats = unique.values().stream()
                .sorted(Comparator.comparing(Heartbeat::agentId).thenComparing(Heartbeat::time)).toList();
        Mono<Integer> work = insertHeartbeats(heartbeats).flatMap(inserted -> {
            if (inserted.isEmpty()) {
                return Mono.just(0);
            }
            List<Heartbeat> fresh = heartbeats.stream()
                    .filter(h -> inserted.contains(new Key(h.agentId(), h.time()))).toList();
            return insertTokenUsage(fresh)
                    .then(insertErrors(fresh))
                    .then(rollUpMinutes(fresh))
                    .then(rollUpHours(fresh))
                    .then(rollUpTokenHours(fresh))
                    .then(presence.seen(fresh.stream()
                            .map(h -> new PresenceService.Sighting(h.agentId(), h.organizationId(), h.receivedAt()))
                            .toList()))
                    .thenReturn(fresh.size());
        });
        return transactions.transactional(work);
    }

    private Mono<Set<Key>> insertHeartbeats(List<Heartbeat> heartbeats) {
        int n = heartbeats.size();
        String[] agents = new String[n], times = new String[n], orgs = new String[n], ids = new String[n],
                received = new String[n], statuses = new String[n], versions = new String[n];
        Double[] cpu = new Double[n], rx = new Double[n], tx = new Double[n];
        Long[] memTotal = new Long[n], memUsed = new Long[n], diskTotal = new Long[n], diskUsed = new Long[n];
        for (int i = 0; i < n; i++) {
            Heartbeat h = heartbeats.get(i);
            agents[i] = h.agentId().toString();
            times[i] = h.time().toString();
            orgs[i] = h.organizationId().toString();
            ids[i] = h.heartbeatId().toString();
            received[i] = h.receivedAt().toString();
            statuses[i] = h.runtime().status();
            versions[i] = h.runtime().version() == null ? "" : h.runtime().version();
            cpu[i] = h.cpuPercent();
            memTotal[i] = h.memory().totalBytes();
            memUsed[i] = h.memory().usedBytes();
            diskTotal[i] = h.disk().totalBytes();
            diskUsed[i] = h.disk().usedBytes();
            rx[i] = h.network().rxBytesPerSecond();
            tx[i] = h.network().txBytesPerSecond();
        }
        return db.sql("""
                        INSERT INTO heartbeat (agent_id, time, organization_id, heartbeat_id, received_at,
                                               runtime_status, runtime_version, cpu_percent, memory_total_bytes,
                                               memory_used_bytes, disk_total_bytes, disk_used_bytes,
                                               network_rx_bytes_per_second, network_tx_bytes_per_second)
                        SELECT agent_id, time, organization_id, heartbeat_id, received_at, runtime_status,
                               NULLIF(runtime_version, ''), cpu, mem_total, mem_used, disk_total, disk_used, rx, tx
                        FROM unnest(CAST(:agents AS UUID[]), CAST(:times AS TIMESTAMPTZ[]), CAST(:orgs AS UUID[]),
                                    CAST(:ids AS UUID[]), CAST(:received AS TIMESTAMPTZ[]), CAST(:statuses AS TEXT[]),
                                    CAST(:versions AS TEXT[]), CAST(:cpu AS FLOAT8[]), CAST(:memTotal AS INT8[]),
                                    CAST(:memUsed AS INT8[]), CAST(:diskTotal AS INT8[]), CAST(:diskUsed AS INT8[]),
                                    CAST(:rx AS FLOAT8[]), CAST(:tx AS FLOAT8[]))
                             AS t(agent_id, time, organization_id, heartbeat_id, received_at, runtime_status,
                                  runtime_version, cpu, mem_total, mem_used, disk_total, disk_used, rx, tx)
                        ON CONFLICT (agent_id, time) DO NOTHING
                        RETURNING agent_id, time""")
                .bind("agents", agents).bind("times", times).bind("orgs", orgs).bind("ids", ids)
                .bind("received", received).bind("statuses", statuses).bind("versions", versions)
                .bind("cpu", cpu).bind("memTotal", memTotal).bind("memUsed", memUsed)
                .bind("diskTotal", diskTotal).bind("diskUsed", diskUsed).bind("rx", rx).bind("tx", tx)
                .map(row -> new Key(row.get("agent_id", UUID.class),
                        row.get("time", java.time.OffsetDateTime.class).toInstant()))
                .all()
                .collect(java.util.stream.Collectors.toSet());
    }

    private Mono<Void> insertTokenUsage(List<Heartbeat> heartbeats) {
        List<String> agents = new ArrayList<>(), times = new ArrayList<>(), models = new ArrayList<>(),
                orgs = new ArrayList<>();
        List<Long> input = new ArrayList<>(), output = new ArrayList<>(), cached = new ArrayList<>();
        for (Heartbeat h : heartbeats) {
            for (Heartbeat.TokenUsage usage : h.tokenUsage()) {
                agents.add(h.agentId().toString());
                times.add(h.time().toString());
                models.add(usage.model());
                orgs.add(h.organizationId().toString());
                input.add(usage.inputTokens());
                output.add(usage.outputTokens());
                cached.add(usage.cachedTokens());
            }
        }
        if (agents.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO token_usage (agent_id, time, model, organization_id, input_tokens, output_tokens,
                                                 cached_tokens)
                        SELECT * FROM unnest(CAST(:agents AS UUID[]), CAST(:times AS TIMESTAMPTZ[]),
                                             CAST(:models AS TEXT[]), CAST(:orgs AS UUID[]), CAST(:input AS INT8[]),
                                             CAST(:output AS INT8[]), CAST(:cached AS INT8[]))
                        ON CONFLICT DO NOTHING""")
                .bind("agents", agents.toArray(String[]::new)).bind("times", times.toArray(String[]::new))
                .bind("models", models.toArray(String[]::new)).bind("orgs", orgs.toArray(String[]::new))
                .bind("input", input.toArray(Long[]::new)).bind("output", output.toArray(Long[]::new))
                .bind("cached", cached.toArray(Long[]::new))
                .then();
    }

    private Mono<Void> insertErrors(List<Heartbeat> heartbeats) {
        List<String> agents = new ArrayList<>(), times = new ArrayList<>(), orgs = new ArrayList<>(),
                loggedAt = new ArrayList<>(), levels = new ArrayList<>(), messages = new ArrayList<>(),
                stacks = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (Heartbeat h : heartbeats) {
            for (int i = 0; i < h.errors().size(); i++) {
                Heartbeat.ErrorEntry entry = h.errors().get(i);
                agents.add(h.agentId().toString());
                times.add(h.time().toString());
                positions.add(i);
                orgs.add(h.organizationId().toString());
                loggedAt.add(entry.time().toString());
                levels.add(entry.level());
                messages.add(entry.message());
                stacks.add(entry.stack() == null ? "" : entry.stack());
            }
        }
        if (agents.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO agent_error (agent_id, heartbeat_time, position, organization_id, logged_at, level,
                                                 message, stack)
                        SELECT agent_id, heartbeat_time, position, organization_id, logged_at, level, message,
                               NULLIF(stack, '')
                        FROM unnest(CAST(:agents AS UUID[]), CAST(:times AS TIMESTAMPTZ[]), CAST(:positions AS INT4[]),
                                    CAST(:orgs AS UUID[]), CAST(:loggedAt AS TIMESTAMPTZ[]), CAST(:levels AS TEXT[]),
                                    CAST(:messages AS TEXT[]), CAST(:stacks AS TEXT[]))
                             AS t(agent_id, heartbeat_time, position, organization_id, logged_at, level, message, stack)
                        ON CONFLICT DO NOTHING""")
                .bind("agents", agents.toArray(String[]::new)).bind("times", times.toArray(String[]::new))
                .bind("positions", positions.toArray(Integer[]::new)).bind("orgs", orgs.toArray(String[]::new))
                .bind("loggedAt", loggedAt.toArray(String[]::new)).bind("levels", levels.toArray(String[]::new))
                .bind("messages", messages.toArray(String[]::new)).bind("stacks", stacks.toArray(String[]::new))
                .then();
    }

    /** Recomputes the minute rollups of every (agent, minute) the batch touched from the raw rows. */
    private Mono<Void> rollUpMinutes(List<Heartbeat> heartbeats) {
        Buckets buckets = Buckets.of(heartbeats, ChronoUnit.MINUTES);
        return db.sql("""
                        WITH k AS (SELECT * FROM unnest(CAST(:agents AS UUID[]), CAST(:buckets AS TIMESTAMPTZ[]))
                                   AS k(agent_id, bucket)),
                        hb AS (SELECT k.agent_id, k.bucket, (array_agg(h.organization_id))[1] AS organization_id,
                                      count(*) AS samples,
                                      sum(h.cpu_percent) AS cpu_sum, max(h.cpu_percent) AS cpu_max,
                                      sum(h.memory_used_bytes) AS mem_sum, max(h.memory_used_bytes) AS mem_max,
                                      max(h.memory_total_bytes) AS mem_total,
                                      sum(h.disk_used_bytes) AS disk_sum, max(h.disk_used_bytes) AS disk_max,
                                      max(h.disk_total_bytes) AS disk_total,
                                      sum(h.network_rx_bytes_per_second) AS rx_sum,
                                      max(h.network_rx_bytes_per_second) AS rx_max,
                                      sum(h.network_tx_bytes_per_second) AS tx_sum,
                                      max(h.network_tx_bytes_per_second) AS tx_max
                               FROM k JOIN heartbeat h ON h.agent_id = k.agent_id AND h.time >= k.bucket
                                                      AND h.time < k.bucket + INTERVAL '1 minute'
                               GROUP BY k.agent_id, k.bucket),
                        tok AS (SELECT k.agent_id, k.bucket, sum(t.input_tokens) AS input,
                                       sum(t.output_tokens) AS output, sum(t.cached_tokens) AS cached
                                FROM k JOIN token_usage t ON t.agent_id = k.agent_id AND t.time >= k.bucket
                                                         AND t.time < k.bucket + INTERVAL '1 minute'
                                GROUP BY k.agent_id, k.bucket),
                        err AS (SELECT k.agent_id, k.bucket, count(*) AS errors
                                FROM k JOIN agent_error e ON e.agent_id = k.agent_id AND e.heartbeat_time >= k.bucket
                                                         AND e.heartbeat_time < k.bucket + INTERVAL '1 minute'
                                GROUP BY k.agent_id, k.bucket)
                        INSERT INTO heartbeat_minute AS m (agent_id, bucket, organization_id, samples,
                               cpu_percent_sum, cpu_percent_max, memory_used_bytes_sum, memory_used_bytes_max,
                               memory_total_bytes_max, disk_used_bytes_sum, disk_used_bytes_max, disk_total_bytes_max,
                               network_rx_bytes_per_second_sum, network_rx_bytes_per_second_max,
                               network_tx_bytes_per_second_sum, network_tx_bytes_per_second_max,
                               input_tokens, output_tokens, cached_tokens, errors)
                        SELECT hb.agent_id, hb.bucket, hb.organization_id, hb.samples, hb.cpu_sum, hb.cpu_max,
                               hb.mem_sum, hb.mem_max, hb.mem_total, hb.disk_sum, hb.disk_max, hb.disk_total,
                               hb.rx_sum, hb.rx_max, hb.tx_sum, hb.tx_max, coalesce(tok.input, 0),
                               coalesce(tok.output, 0), coalesce(tok.cached, 0), coalesce(err.errors, 0)
                        FROM hb LEFT JOIN tok USING (agent_id, bucket) LEFT JOIN err USING (agent_id, bucket)
                        ORDER BY hb.agent_id, hb.bucket
                        ON CONFLICT (agent_id, bucket) DO UPDATE SET
                               organization_id = EXCLUDED.organization_id, samples = EXCLUDED.samples,
                               cpu_percent_sum = EXCLUDED.cpu_percent_sum, cpu_percent_max = EXCLUDED.cpu_percent_max,
                               memory_used_bytes_sum = EXCLUDED.memory_used_bytes_sum,
                               memory_used_bytes_max = EXCLUDED.memory_used_bytes_max,
                               memory_total_bytes_max = EXCLUDED.memory_total_bytes_max,
                               disk_used_bytes_sum = EXCLUDED.disk_used_bytes_sum,
                               disk_used_bytes_max = EXCLUDED.disk_used_bytes_max,
                               disk_total_bytes_max = EXCLUDED.disk_total_bytes_max,
                               network_rx_bytes_per_second_sum = EXCLUDED.network_rx_bytes_per_second_sum,
                               network_rx_bytes_per_second_max = EXCLUDED.network_rx_bytes_per_second_max,
                               network_tx_bytes_per_second_sum = EXCLUDED.network_tx_bytes_per_second_sum,
                               network_tx_bytes_per_second_max = EXCLUDED.network_tx_bytes_per_second_max,
                               input_tokens = EXCLUDED.input_tokens, output_tokens = EXCLUDED.output_tokens,
                               cached_tokens = EXCLUDED.cached_tokens, errors = EXCLUDED.errors""")
                .bind("agents", buckets.agents()).bind("buckets", buckets.starts())
                .then();
    }

    /** An hour is the sum of its minutes (sums and counts add; maxima take the max). */
    private Mono<Void> rollUpHours(List<Heartbeat> heartbeats) {
        Buckets buckets = Buckets.of(heartbeats, ChronoUnit.HOURS);
        return db.sql("""
                        WITH k AS (SELECT * FROM unnest(CAST(:agents AS UUID[]), CAST(:buckets AS TIMESTAMPTZ[]))
                                   AS k(agent_id, bucket))
                        INSERT INTO heartbeat_hour AS h (agent_id, bucket, organization_id, samples,
                               cpu_percent_sum, cpu_percent_max, memory_used_bytes_sum, memory_used_bytes_max,
                               memory_total_bytes_max, disk_used_bytes_sum, disk_used_bytes_max, disk_total_bytes_max,
                               network_rx_bytes_per_second_sum, network_rx_bytes_per_second_max,
                               network_tx_bytes_per_second_sum, network_tx_bytes_per_second_max,
                               input_tokens, output_tokens, cached_tokens, errors)
                        SELECT k.agent_id, k.bucket, (array_agg(m.organization_id))[1], sum(m.samples),
                               sum(m.cpu_percent_sum), max(m.cpu_percent_max), sum(m.memory_used_bytes_sum),
                               max(m.memory_used_bytes_max), max(m.memory_total_bytes_max), sum(m.disk_used_bytes_sum),
                               max(m.disk_used_bytes_max), max(m.disk_total_bytes_max),
                               sum(m.network_rx_bytes_per_second_sum), max(m.network_rx_bytes_per_second_max),
                               sum(m.network_tx_bytes_per_second_sum), max(m.network_tx_bytes_per_second_max),
                               sum(m.input_tokens), sum(m.output_tokens), sum(m.cached_tokens), sum(m.errors)
                        FROM k JOIN heartbeat_minute m ON m.agent_id = k.agent_id AND m.bucket >= k.bucket
                                                      AND m.bucket < k.bucket + INTERVAL '1 hour'
                        GROUP BY k.agent_id, k.bucket
                        ORDER BY k.agent_id, k.bucket
                        ON CONFLICT (agent_id, bucket) DO UPDATE SET
                               organization_id = EXCLUDED.organization_id, samples = EXCLUDED.samples,
                               cpu_percent_sum = EXCLUDED.cpu_percent_sum, cpu_percent_max = EXCLUDED.cpu_percent_max,
                               memory_used_bytes_sum = EXCLUDED.memory_used_bytes_sum,
                               memory_used_bytes_max = EXCLUDED.memory_used_bytes_max,
                               memory_total_bytes_max = EXCLUDED.memory_total_bytes_max,
                               disk_used_bytes_sum = EXCLUDED.disk_used_bytes_sum,
                               disk_used_bytes_max = EXCLUDED.disk_used_bytes_max,
                               disk_total_bytes_max = EXCLUDED.disk_total_bytes_max,
                               network_rx_bytes_per_second_sum = EXCLUDED.network_rx_bytes_per_second_sum,
                               network_rx_bytes_per_second_max = EXCLUDED.network_rx_bytes_per_second_max,
                               network_tx_bytes_per_second_sum = EXCLUDED.network_tx_bytes_per_second_sum,
                               network_tx_bytes_per_second_max = EXCLUDED.network_tx_bytes_per_second_max,
                               input_tokens = EXCLUDED.input_tokens, output_tokens = EXCLUDED.output_tokens,
                               cached_tokens = EXCLUDED.cached_tokens, errors = EXCLUDED.errors""")
                .bind("agents", buckets.agents()).bind("buckets", buckets.starts())
                .then();
    }

    /** Tokens per model and hour, recomputed from the raw rows: what cost and budgets read after raw data is gone. */
    private Mono<Void> rollUpTokenHours(List<Heartbeat> heartbeats) {
        List<Heartbeat> withTokens = heartbeats.stream().filter(h -> !h.tokenUsage().isEmpty()).toList();
        if (withTokens.isEmpty()) {
            return Mono.empty();
        }
        Buckets buckets = Buckets.of(withTokens, ChronoUnit.HOURS);
        return db.sql("""
                        WITH k AS (SELECT * FROM unnest(CAST(:agents AS UUID[]), CAST(:buckets AS TIMESTAMPTZ[]))
                                   AS k(agent_id, bucket))
                        INSERT INTO token_usage_hour (agent_id, model, bucket, organization_id, input_tokens,
                                                      output_tokens, cached_tokens)
                        SELECT k.agent_id, t.model, k.bucket, (array_agg(t.organization_id))[1], sum(t.input_tokens),
                               sum(t.output_tokens), sum(t.cached_tokens)
                        FROM k JOIN token_usage t ON t.agent_id = k.agent_id AND t.time >= k.bucket
                                                 AND t.time < k.bucket + INTERVAL '1 hour'
                        GROUP BY k.agent_id, t.model, k.bucket
                        ORDER BY k.agent_id, t.model, k.bucket
                        ON CONFLICT (agent_id, model, bucket) DO UPDATE SET
                               organization_id = EXCLUDED.organization_id, input_tokens = EXCLUDED.input_tokens,
                               output_tokens = EXCLUDED.output_tokens, cached_tokens = EXCLUDED.cached_tokens""")
                .bind("agents", buckets.agents()).bind("buckets", buckets.starts())
                .then();
    }

    private static Heartbeat atMicros(Heartbeat h) {
        Instant time = h.time().truncatedTo(ChronoUnit.MICROS);
        return time.equals(h.time()) ? h : new Heartbeat(h.heartbeatId(), h.agentId(), h.organizationId(), time,
                h.receivedAt(), h.runtime(), h.cpuPercent(), h.memory(), h.disk(), h.network(), h.tokenUsage(),
                h.errors());
    }

    record Key(UUID agentId, Instant time) {
    }

    /** The distinct (agent, bucket start) pairs of a batch, sorted: the rows a rollup statement rewrites. */
    record Buckets(String[] agents, String[] starts) {

        static Buckets of(List<Heartbeat> heartbeats, ChronoUnit unit) {
            Set<Key> keys = new LinkedHashSet<>();
            heartbeats.stream()
                    .map(h -> new Key(h.agentId(), h.time().truncatedTo(unit)))
                    .sorted(Comparator.comparing(Key::agentId).thenComparing(Key::time))
                    .forEach(keys::add);
            return new Buckets(keys.stream().map(k -> k.agentId().toString()).toArray(String[]::new),
                    keys.stream().map(k -> k.time().toString()).toArray(String[]::new));
        }
    }
}

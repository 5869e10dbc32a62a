package io.missioncontrol.launcher;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.infra.Database;
import io.missioncontrol.infra.Infrastructure;
import io.missioncontrol.infra.TestInfrastructure;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient.Version;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sustained heartbeats per second through the gateway with the whole suite running (the launcher's
 * {@link LocalStack}: four services and the gateway in this JVM on embedded Kafka and PostgreSQL), next to the
 * machine's raw limits measured in the same run and the same rounds: a bare WebFlux endpoint (B0), the Kafka producer
 * ({@code acks=all}, idempotent) and batched multi-row inserts into PostgreSQL. Not a test: run it with
 * {@code bash launcher/bench/gateway-heartbeat-benchmark.sh} (see docs/benchmarks.md, "Heartbeats through the
 * gateway").
 *
 * <p>The method follows docs/decisions/0023-request-path-cost.md: a warm-up round through every path that is not
 * reported, then rounds that alternate the paths (the order reversed every other round), each path reported as a ratio
 * to B0 of its own round, because the load of this shared machine moves 2–5× within seconds.
 */
public final class GatewayHeartbeatBenchmark {

    static final PrintStream out = System.out;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ADMIN_TOKEN = "bench-admin-" + UUID.randomUUID() + UUID.randomUUID();
    /** Every heartbeat of the run gets the next number: it makes its (agent, time) unique, so none is deduplicated. */
    static final AtomicLong SEQUENCE = new AtomicLong();
    static final Instant TIME_BASE = Instant.now().minus(Duration.ofHours(1));

    public static void main(String[] args) {
        int status = 1;
        try {
            run(args);
            status = 0;
        } catch (Exception e) {
            e.printStackTrace(out);
        }
        // The suite's Kafka clients and schedulers are not daemon threads.
        System.exit(status);
    }

    static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int agentCount = args.length > 3 ? Integer.parseInt(args[3]) : 100;

        Infrastructure infra = TestInfrastructure.shared();
        Path home = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "mc-bench");
        LocalSecrets secrets = LocalSecrets.loadOrCreate(home, ADMIN_TOKEN);
        long startAt = System.nanoTime();
        LocalStack stack = LocalStack.start(infra, new LocalStack.Settings(secrets.adminToken(),
                secrets.privateKeyPem(), secrets.publicKeyPem(), 0, false, secrets.registrySecretKey()));
        out.printf("suite started in %.1f s%n", (System.nanoTime() - startAt) / 1e9);
        String gateway = stack.gatewayUrl().replace("localhost", "127.0.0.1");

        // An organization and its agents through the registry's API, each with a key that may write telemetry.
        var admin = java.net.http.HttpClient.newBuilder().version(Version.HTTP_1_1).build();
        String org = post(admin, gateway + "/api/organizations", ADMIN_TOKEN, Map.of("name", "Bench")).get("id")
                .asString();
        String[] keys = new String[agentCount];
        long orgKnownBy = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        for (int a = 0; a < agentCount; a++) {
            String agent;
            while (true) {
                try {
                    agent = post(admin, gateway + "/api/agents", ADMIN_TOKEN,
                            Map.of("organization_id", org, "name", "bench-" + a)).get("id").asString();
                    break;
                } catch (IllegalStateException e) {
                    // The registry learns of a new organization from Kafka: 422 until it has.
                    if (System.nanoTime() > orgKnownBy) {
                        throw e;
                    }
                    LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                }
            }
            keys[a] = post(admin, gateway + "/api/agents/" + agent + "/keys", ADMIN_TOKEN,
                    Map.of("scopes", List.of("telemetry:write"))).get("key").asString();
        }
        // The gateway learns keys from the credential topic: wait until it accepts every one. These heartbeats count
        // as accepted too (the final check compares every 202 of the run with the rows stored).
        AtomicLong acceptedTotal = new AtomicLong();
        long readyBy = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (String key : keys) {
            while (true) {
                var response = admin.send(HttpRequest.newBuilder(URI.create(gateway + "/api/telemetry/heartbeats"))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(heartbeat(SEQUENCE.getAndIncrement()))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    acceptedTotal.incrementAndGet();
                    break;
                }
                if (response.statusCode() != 401 || System.nanoTime() > readyBy) {
                    throw new IllegalStateException("heartbeat refused: " + response.statusCode() + " "
                            + response.body());
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
        out.printf("%d agents with keys, accepted by the gateway%n", agentCount);

        var handler = RouterFunctions.toHttpHandler(RouterFunctions.route()
                .POST("/hb", request -> request.bodyToMono(String.class).then(ServerResponse.accepted().build()))
                .build());
        DisposableServer bare = HttpServer.create().host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter(handler)).bindNow();
        String bareUrl = "http://127.0.0.1:" + bare.port() + "/hb";
        String heartbeatUrl = gateway + "/api/telemetry/heartbeats";
        Database db = infra.database(LocalStack.Service.TELEMETRY.name().toLowerCase());

        Map<String, Result> results = new LinkedHashMap<>();
        for (int round = 0; round <= rounds; round++) {
            // Round 0 warms the JIT up for every path and is not reported.
            int phase = round == 0 ? Math.max(5, seconds / 2) : seconds;
            Map<String, Result> sink = round == 0 ? new LinkedHashMap<>() : results;
            String r = " (round " + round + ")";
            int r0 = round;
            List<Runnable> paths = new ArrayList<>();
            paths.add(() -> sink.put("B0" + r, http(bareUrl, phase, concurrency, i -> "none", GatewayHeartbeatBenchmark::heartbeat,
                    null)));
            paths.add(() -> {
                sink.put("gateway" + r, http(heartbeatUrl, phase, concurrency,
                        i -> keys[(int) (i % keys.length)], GatewayHeartbeatBenchmark::heartbeat, acceptedTotal));
                // The writer's lag when the load stops (accepted, not yet stored: the consumer's backlog in records)
                // and how long it takes to catch up, before the next phase loads the machine again.
                long stopped = System.nanoTime();
                long lag = acceptedTotal.get() - stored(db, org);
                while (stored(db, org) < acceptedTotal.get()
                        && System.nanoTime() - stopped < Duration.ofMinutes(2).toNanos()) {
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                }
                out.printf("round %d: writer lag when the gateway phase stopped %d heartbeats, caught up after %.2f s%n",
                        r0, lag, (System.nanoTime() - stopped) / 1e9);
            });
            paths.add(() -> sink.put("kafka-awaited" + r, kafkaAwaited(infra, phase, concurrency)));
            paths.add(() -> sink.put("kafka-stream" + r, kafkaStream(infra, phase)));
            paths.add(() -> sink.put("postgres" + r, postgres(db, phase)));
            if (round % 2 == 0) {
                java.util.Collections.reverse(paths);
            }
            paths.forEach(Runnable::run);
            out.printf("round %d done, load average %s%n", round, loadAverage());
        }
        bare.disposeNow();

        // Every accepted heartbeat stored exactly once: count the bench organization's rows until they match.
        long loadEnded = System.nanoTime();
        long backlog = acceptedTotal.get() - stored(db, org);
        long stored;
        do {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            stored = stored(db, org);
        } while (stored < acceptedTotal.get() && System.nanoTime() - loadEnded < Duration.ofMinutes(5).toNanos());
        double drain = (System.nanoTime() - loadEnded) / 1e9;
        // A little longer, so that a duplicate arriving late would show.
        LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
        stored = stored(db, org);
        long distinct = count(db, "SELECT count(DISTINCT heartbeat_id) FROM heartbeat WHERE organization_id = '"
                + org + "'");

        out.println();
        out.println("| round | path | rate | p50 | p99 | rate ÷ B0 | errors | load average (start → end) |");
        out.println("|---|---|---|---|---|---|---|---|");
        results.forEach((name, result) -> {
            String round = name.substring(name.indexOf(" (round ") + 8, name.length() - 1);
            Result b0 = results.get("B0 (round " + round + ")");
            out.printf("| %s | %s | %s | %.3f | %s | %s → %s |%n", round, name.substring(0, name.indexOf(" (round ")),
                    result.row(), result.rate() / b0.rate(), result.errors(), result.loadBefore(), result.loadAfter());
        });
        out.printf("%naccepted (202) over the whole run, setup and warm-up included: %d; stored rows: %d (distinct "
                        + "heartbeat ids %d); backlog when the load stopped: %d; drained %.1f s after the load%n",
                acceptedTotal.get(), stored, distinct, backlog, drain);
        out.printf("%s%n", stored == acceptedTotal.get() && distinct == stored ? "EXACTLY ONCE: yes" : "EXACTLY ONCE: NO");
        out.printf("nproc=%d, java=%s, concurrency=%d, %d agents, %d s per phase, %d rounds (+ warm-up)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), concurrency,
                agentCount, seconds, rounds);
        stack.close();
        infra.close();
    }

    record Result(double count, double seconds, long[] latenciesMicros, String errors, String loadBefore,
                  String loadAfter) {

        double rate() {
            return count / seconds;
        }

        String row() {
            return String.format("%,.0f/s | %s | %s", rate(), pct(0.50), pct(0.99));
        }

        String pct(double p) {
            return latenciesMicros.length == 0 ? "" : String.format("%.1f ms",
                    latenciesMicros[(int) Math.min(latenciesMicros.length - 1, p * latenciesMicros.length)] / 1000.0);
        }
    }

    /**
     * Closed loop over HTTP: {@code concurrency} requests in flight for 2 s unmeasured, then {@code seconds}
     * measured. With every request in flight queueing behind the others, p50 ≈ concurrency ÷ rate (Little's law).
     */
    static Result http(String url, int seconds, int concurrency, LongFunction<String> token, LongFunction<String> body,
                       AtomicLong acceptedTotal) {
        String loadBefore = loadAverage();
        LoopResources loop = LoopResources.create("bench-client", 1, true);
        ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(concurrency).build();
        HttpClient client = HttpClient.create(pool).runOn(loop).keepAlive(true);
        AtomicLong ok = new AtomicLong();
        Map<Integer, AtomicLong> refused = new java.util.concurrent.ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            Flux.defer(() -> {
                        long i = SEQUENCE.getAndIncrement();
                        byte[] bytes = body.apply(i).getBytes(StandardCharsets.UTF_8);
                        long started = System.nanoTime();
                        return client.headers(h -> h.set("Authorization", "Bearer " + token.apply(i))
                                        .set("Content-Type", "application/json"))
                                .post().uri(url)
                                .send(Mono.just(io.netty.buffer.Unpooled.wrappedBuffer(bytes)))
                                .responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
                                .map(status -> {
                                    long now = System.nanoTime();
                                    if (status == 202 && acceptedTotal != null) {
                                        acceptedTotal.incrementAndGet();
                                    }
                                    if (started >= warmupEnd && now <= end) {
                                        if (status == 202) {
                                            ok.incrementAndGet();
                                            latencies.add((now - started) / 1_000);
                                        } else {
                                            refused.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                                        }
                                    }
                                    return now;
                                })
                                .onErrorResume(e -> {
                                    refused.computeIfAbsent(-1, s -> new AtomicLong()).incrementAndGet();
                                    return Mono.just(System.nanoTime());
                                });
                    })
                    .repeat(() -> System.nanoTime() < end)
                    .doFinally(signal -> done.countDown())
                    .subscribe();
        }
        await(done);
        pool.disposeLater().block();
        loop.disposeLater().block();
        return new Result(ok.get(), seconds, sorted(latencies), refused.isEmpty() ? "0" : refused.toString(),
                loadBefore, loadAverage());
    }

    static Map<String, Object> producerConfig(Infrastructure infra) {
        // The settings of telemetry's heartbeat producer: every record acknowledged by all replicas, idempotent.
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return config;
    }

    /** The endpoint's pattern: {@code concurrency} callers, each waiting for its record's ack before the next. */
    static Result kafkaAwaited(Infrastructure infra, int seconds, int concurrency) {
        String loadBefore = loadAverage();
        byte[] value = heartbeat(0).getBytes(StandardCharsets.UTF_8);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        try (var producer = new KafkaProducer<String, byte[]>(producerConfig(infra))) {
            long warmupEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
            List<Thread> callers = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                int caller = c;
                Thread t = new Thread(() -> {
                    long i = 0;
                    while (System.nanoTime() < end) {
                        long started = System.nanoTime();
                        try {
                            producer.send(new ProducerRecord<>(Topics.HEARTBEATS + ".bench", caller + "-" + i++, value))
                                    .get();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            continue;
                        }
                        long now = System.nanoTime();
                        if (started >= warmupEnd && now <= end) {
                            ok.incrementAndGet();
                            latencies.add((now - started) / 1_000);
                        }
                    }
                });
                t.start();
                callers.add(t);
            }
            for (Thread t : callers) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Result(ok.get(), seconds, sorted(latencies), String.valueOf(failed.get()), loadBefore,
                loadAverage());
    }

    /** ProducerPerformance's way: send as fast as the producer takes records, count the acks. */
    static Result kafkaStream(Infrastructure infra, int seconds) {
        String loadBefore = loadAverage();
        byte[] value = heartbeat(0).getBytes(StandardCharsets.UTF_8);
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        double elapsed;
        try (var producer = new KafkaProducer<String, byte[]>(producerConfig(infra))) {
            long started = System.nanoTime();
            long end = started + Duration.ofSeconds(seconds).toNanos();
            long i = 0;
            while (System.nanoTime() < end) {
                producer.send(new ProducerRecord<>(Topics.HEARTBEATS + ".bench", "agent-" + (i++ % 100), value),
                        (metadata, e) -> (e == null ? acked : failed).incrementAndGet());
            }
            producer.flush();
            elapsed = (System.nanoTime() - started) / 1e9;
        }
        return new Result(acked.get(), elapsed, new long[0], String.valueOf(failed.get()), loadBefore, loadAverage());
    }

    /**
     * Heartbeat rows, 500 per statement and transaction: the JDBC driver rewrites the batch into multi-row INSERTs,
     * as close to the writer's one INSERT … SELECT FROM unnest(…) per batch as plain JDBC gets. Rows per second.
     */
    static Result postgres(Database db, int seconds) {
        String loadBefore = loadAverage();
        Properties props = new Properties();
        props.setProperty("user", db.username());
        props.setProperty("password", db.password());
        props.setProperty("reWriteBatchedInserts", "true");
        long rows = 0;
        double elapsed;
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), props)) {
            try (Statement s = connection.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_heartbeat");
                s.execute("CREATE TABLE bench_heartbeat (LIKE heartbeat INCLUDING DEFAULTS)");
                s.execute("ALTER TABLE bench_heartbeat ADD PRIMARY KEY (agent_id, time)");
            }
            connection.setAutoCommit(false);
            UUID org = UUID.randomUUID();
            UUID[] agents = new UUID[100];
            Arrays.setAll(agents, a -> UUID.randomUUID());
            long started = System.nanoTime();
            long end = started + Duration.ofSeconds(seconds).toNanos();
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO bench_heartbeat (agent_id, time, organization_id, heartbeat_id, received_at,
                           runtime_status, runtime_version, cpu_percent, memory_total_bytes, memory_used_bytes,
                           disk_total_bytes, disk_used_bytes, network_rx_bytes_per_second, network_tx_bytes_per_second)
                    VALUES (?, ?, ?, ?, ?, 'running', '2026.3.1', ?, 17179869184, ?, 512110190592, 128027547648,
                            18432.0, 9216.0) ON CONFLICT DO NOTHING""")) {
                while (System.nanoTime() < end) {
                    for (int b = 0; b < 500; b++, rows++) {
                        insert.setObject(1, agents[(int) (rows % agents.length)]);
                        insert.setTimestamp(2, Timestamp.from(TIME_BASE.plusMillis(rows)));
                        insert.setObject(3, org);
                        insert.setObject(4, UUID.randomUUID());
                        insert.setTimestamp(5, Timestamp.from(Instant.now()));
                        insert.setDouble(6, rows % 100);
                        insert.setLong(7, 6_000_000_000L + rows);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    connection.commit();
                }
            }
            elapsed = (System.nanoTime() - started) / 1e9;
            try (Statement s = connection.createStatement()) {
                s.execute("DROP TABLE bench_heartbeat");
            }
            connection.commit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Result(rows, elapsed, new long[0], "0", loadBefore, loadAverage());
    }

    static String heartbeat(long n) {
        return """
                {"time":"%s","runtime":{"status":"running","version":"2026.3.1"},"cpu_percent":%d.5,\
                "memory":{"total_bytes":17179869184,"used_bytes":%d},"disk":{"total_bytes":512110190592,\
                "used_bytes":128027547648},"network":{"rx_bytes_per_second":18432.0,"tx_bytes_per_second":9216.0},\
                "token_usage":[{"model":"claude-sonnet-4","input_tokens":%d,"output_tokens":830,"cached_tokens":4096}],\
                "errors":[]}""".formatted(TIME_BASE.plusMillis(n), n % 100, 6_000_000_000L + n, 1000 + n % 1000);
    }

    static JsonNode post(java.net.http.HttpClient client, String url, String token, Object body) throws Exception {
        var response = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static long stored(Database db, String org) {
        return count(db, "SELECT count(*) FROM heartbeat WHERE organization_id = '" + org + "'");
    }

    static long count(Database db, String sql) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0];
        } catch (Exception e) {
            return "?";
        }
    }

    static long[] sorted(ConcurrentLinkedQueue<Long> latencies) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    static void await(CountDownLatch done) {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private GatewayHeartbeatBenchmark() {
    }
}

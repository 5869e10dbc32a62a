package io.missioncontrol.telemetry.bench;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.infra.Database;
import io.missioncontrol.infra.Infrastructure;
import io.missioncontrol.infra.TestInfrastructure;
import io.missioncontrol.platform.testing.TestTokens;
import io.missioncontrol.telemetry.TelemetryServiceApplication;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
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

/**
 * Heartbeat ingestion against this machine's raw limits, all measured in one run (one JVM, embedded Kafka and
 * PostgreSQL): a bare WebFlux endpoint (B0), heartbeats through telemetry-service (HTTP → Kafka ack → 202, then the
 * writer drains into PostgreSQL), the Kafka producer alone ({@code acks=all}, idempotent, 600-byte records) and
 * batched inserts into PostgreSQL alone (JDBC, 500 rows per transaction). Not a test: run it with
 * {@code bash telemetry-service/bench/heartbeat-benchmark.sh} (see docs/benchmarks.md). Prints a Markdown table.
 */
public final class HeartbeatBenchmark {

    static final int AGENTS = 1_000;
    static final PrintStream out = System.out;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Infrastructure infra = TestInfrastructure.shared();
        Map<String, String> results = new java.util.LinkedHashMap<>();

        // B0: a bare WebFlux handler (functional route, no Boot, no security) that reads the body and answers 202.
        var handler = RouterFunctions.toHttpHandler(RouterFunctions.route()
                .POST("/hb", request -> request.bodyToMono(String.class)
                        .then(ServerResponse.accepted().build()))
                .build());
        DisposableServer bare = HttpServer.create().host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter(handler)).bindNow();
        Load b0 = load("http://127.0.0.1:" + bare.port() + "/hb", seconds, concurrency, i -> "none");
        bare.disposeNow();
        results.put("B0 bare WebFlux endpoint", b0.row());

        // Heartbeats through telemetry-service (the gateway's agent keys do not exist yet: the internal token an
        // agent key would be exchanged for is minted here, as the gateway would).
        List<String> args2 = new ArrayList<>();
        infra.springProperties("telemetry").forEach((k, v) -> args2.add("--" + k + "=" + v));
        args2.add("--server.port=0");
        args2.add("--mc.internal-token.public-key=" + TestTokens.publicKeyPem());
        args2.add("--logging.level.root=WARN");
        ConfigurableApplicationContext telemetry = TelemetryServiceApplication.application()
                .run(args2.toArray(String[]::new));
        int port = ((WebServerApplicationContext) telemetry).getWebServer().getPort();
        UUID org = UUID.randomUUID();
        String[] tokens = new String[AGENTS];
        UUID[] agents = new UUID[AGENTS];
        for (int a = 0; a < AGENTS; a++) {
            agents[a] = UUID.randomUUID();
            tokens[a] = TestTokens.sign(TestTokens.claims(agents[a].toString(), "agent")
                    .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2))))
                    .claim("org", org.toString()).claim("agent_id", agents[a].toString())
                    .claim("scopes", List.of("telemetry:write")).build());
        }
        // The same endpoint refusing the admin (403 before any validation or Kafka): HTTP, security and JSON only.
        String admin = TestTokens.admin();
        Load refused = loadStatus("http://127.0.0.1:" + port + "/api/telemetry/heartbeats", seconds, concurrency,
                i -> admin, i -> body(Instant.now(), i), 403);
        results.put("same endpoint, refused with 403 (auth + routing, no Kafka)", refused.row());
        Database db = infra.database("telemetry");
        long before = count(db, "SELECT count(*) FROM heartbeat");
        Instant base = Instant.now().minus(Duration.ofHours(1));
        Load hb = load("http://127.0.0.1:" + port + "/api/telemetry/heartbeats", seconds, concurrency, i -> tokens[i % AGENTS],
                i -> body(base.plusMillis(i / AGENTS), i));
        long drainStart = System.nanoTime();
        long stored;
        do {
            Thread.sleep(200);
            stored = count(db, "SELECT count(*) FROM heartbeat") - before;
        } while (stored < hb.accepted && System.nanoTime() - drainStart < Duration.ofMinutes(5).toNanos());
        double drain = (System.nanoTime() - drainStart) / 1e9;
        telemetry.close();
        results.put("heartbeats through telemetry-service (202 after Kafka ack)", hb.row());
        results.put("heartbeats stored in PostgreSQL (load + drain " + String.format("%.1f", drain) + " s)",
                String.format("%.0f/s | | | stored %d of %d accepted (warm-up included)",
                        stored / (hb.seconds + 3 + drain), stored, hb.accepted));

        // Kafka producer alone: the ingestion endpoint's settings, as fast as it goes.
        results.put("Kafka producer (acks=all, idempotent, 600 B)", kafka(infra, seconds));
        // The same producer, but as the endpoint uses it: each of `concurrency` callers waits for its record's ack.
        results.put("Kafka producer, " + concurrency + " callers each awaiting its ack", kafkaClosedLoop(infra,
                seconds, concurrency).row());
        // PostgreSQL alone: batched inserts of heartbeat-shaped rows.
        results.put("PostgreSQL batched INSERT (JDBC, 500 rows/tx)", postgres(db, seconds));

        out.println();
        out.println("| path | rate | p50 | p99 | notes |");
        out.println("|---|---|---|---|---|");
        results.forEach((k, v) -> out.println("| " + k + " | " + v + " |"));
        out.printf("%nratios: heartbeats/B0 = %.3f%n", hb.rate() / b0.rate());
        out.printf("nproc=%d, java=%s, concurrency=%d, %d s per phase%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), concurrency, seconds);
        infra.close();
        System.exit(0);
    }

    /** {@code ok}: 202s inside the measured window; {@code accepted}: every 202, warm-up included. */
    record Load(long ok, long accepted, long failed, double seconds, long[] latenciesMicros) {

        double rate() {
            return ok / seconds;
        }

        String row() {
            return String.format("%.0f/s | %.1f ms | %.1f ms | %d ok, %d failed", rate(), pct(0.50) / 1000.0,
                    pct(0.99) / 1000.0, ok, failed);
        }

        double pct(double p) {
            return latenciesMicros.length == 0 ? Double.NaN
                    : latenciesMicros[(int) Math.min(latenciesMicros.length - 1, p * latenciesMicros.length)];
        }
    }

    static Load load(String url, int seconds, int concurrency, IntFunction<String> token) {
        return load(url, seconds, concurrency, token, i -> "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(560) + "\"}");
    }

    static Load load(String url, int seconds, int concurrency, IntFunction<String> token, IntFunction<String> body) {
        return loadStatus(url, seconds, concurrency, token, body, 202);
    }

    /** Closed loop: {@code concurrency} requests in flight; 3 s warm-up, then {@code seconds} measured. */
    static Load loadStatus(String url, int seconds, int concurrency, IntFunction<String> token, IntFunction<String> body,
                           int expected) {
        // Its own event loops and connections: sharing the server's loops would measure the two fighting.
        HttpClient client = HttpClient.create(ConnectionProvider.builder("bench").maxConnections(concurrency).build())
                .runOn(LoopResources.create("bench-client", 1, true))
                .keepAlive(true);
        AtomicInteger sequence = new AtomicInteger();
        AtomicLong ok = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            Flux.defer(() -> {
                        int i = sequence.getAndIncrement();
                        byte[] bytes = body.apply(i).getBytes(StandardCharsets.UTF_8);
                        long started = System.nanoTime();
                        return client.headers(h -> h.set("Authorization", "Bearer " + token.apply(i))
                                        .set("Content-Type", "application/json"))
                                .post().uri(url)
                                .send(Mono.just(io.netty.buffer.Unpooled.wrappedBuffer(bytes)))
                                .responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
                                .map(status -> {
                                    long now = System.nanoTime();
                                    if (status == expected) {
                                        accepted.incrementAndGet();
                                    }
                                    if (started >= warmupEnd && now <= end) {
                                        if (status == expected) {
                                            ok.incrementAndGet();
                                            latencies.add((now - started) / 1_000);
                                        } else {
                                            failed.incrementAndGet();
                                        }
                                    }
                                    return now;
                                })
                                .onErrorResume(e -> {
                                    failed.incrementAndGet();
                                    return Mono.just(System.nanoTime());
                                });
                    })
                    .repeat(() -> System.nanoTime() < end)
                    .doFinally(signal -> done.countDown())
                    .subscribe();
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Load(ok.get(), accepted.get(), failed.get(), seconds, sorted);
    }

    static String body(Instant time, int n) {
        return """
                {"time":"%s","runtime":{"status":"running","version":"2026.3.1"},"cpu_percent":%d.5,\
                "memory":{"total_bytes":17179869184,"used_bytes":%d},"disk":{"total_bytes":512110190592,\
                "used_bytes":128027547648},"network":{"rx_bytes_per_second":18432.0,"tx_bytes_per_second":9216.0},\
                "token_usage":[{"model":"claude-sonnet-4","input_tokens":%d,"output_tokens":830,"cached_tokens":4096}],\
                "errors":[]}""".formatted(time, n % 100, 6_000_000_000L + n, 1000 + n % 1000);
    }

    static String kafka(Infrastructure infra, int seconds) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        byte[] value = new byte[600];
        Arrays.fill(value, (byte) 'x');
        String topic = Topics.HEARTBEATS + ".bench";
        AtomicLong acked = new AtomicLong();
        try (var producer = new KafkaProducer<String, byte[]>(config)) {
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            long started = System.nanoTime();
            int i = 0;
            while (System.nanoTime() < end) {
                producer.send(new ProducerRecord<>(topic, "agent-" + (i++ % AGENTS), value),
                        (metadata, e) -> {
                            if (e == null) {
                                acked.incrementAndGet();
                            }
                        });
            }
            producer.flush();
            double elapsed = (System.nanoTime() - started) / 1e9;
            return String.format("%.0f/s | | | %d records acknowledged in %.1f s", acked.get() / elapsed, acked.get(),
                    elapsed);
        }
    }

    static Load kafkaClosedLoop(Infrastructure infra, int seconds, int concurrency) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        byte[] value = new byte[600];
        Arrays.fill(value, (byte) 'x');
        String topic = Topics.HEARTBEATS + ".bench";
        AtomicLong ok = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        try (var producer = new KafkaProducer<String, byte[]>(config)) {
            long warmupEnd = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
            List<Thread> callers = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                int caller = c;
                Thread t = new Thread(() -> {
                    int i = 0;
                    while (System.nanoTime() < end) {
                        long started = System.nanoTime();
                        try {
                            producer.send(new ProducerRecord<>(topic, "agent-" + caller + "-" + i++, value)).get();
                        } catch (Exception e) {
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
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Load(ok.get(), ok.get(), 0, seconds, sorted);
    }

    static String postgres(Database db, int seconds) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", db.username());
        props.setProperty("password", db.password());
        props.setProperty("reWriteBatchedInserts", "true");
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), props)) {
            try (Statement s = connection.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_heartbeat");
                s.execute("CREATE TABLE bench_heartbeat (LIKE heartbeat INCLUDING DEFAULTS)");
                s.execute("ALTER TABLE bench_heartbeat ADD PRIMARY KEY (agent_id, time)");
            }
            connection.setAutoCommit(false);
            long rows = 0;
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            long started = System.nanoTime();
            UUID org = UUID.randomUUID();
            UUID[] agents = new UUID[AGENTS];
            for (int a = 0; a < AGENTS; a++) {
                agents[a] = UUID.randomUUID();
            }
            Instant base = Instant.now().minus(Duration.ofHours(1));
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO bench_heartbeat (agent_id, time, organization_id, heartbeat_id, received_at,
                           runtime_status, runtime_version, cpu_percent, memory_total_bytes, memory_used_bytes,
                           disk_total_bytes, disk_used_bytes, network_rx_bytes_per_second, network_tx_bytes_per_second)
                    VALUES (?, ?, ?, ?, ?, 'running', '2026.3.1', ?, 17179869184, ?, 512110190592, 128027547648,
                            18432.0, 9216.0) ON CONFLICT DO NOTHING""")) {
                while (System.nanoTime() < end) {
                    for (int b = 0; b < 500; b++, rows++) {
                        insert.setObject(1, agents[(int) (rows % AGENTS)]);
                        insert.setTimestamp(2, Timestamp.from(base.plusMillis(rows / AGENTS)));
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
            double elapsed = (System.nanoTime() - started) / 1e9;
            try (Statement s = connection.createStatement()) {
                s.execute("DROP TABLE bench_heartbeat");
            }
            connection.commit();
            return String.format("%.0f rows/s | | | %d rows in %.1f s", rows / elapsed, rows, elapsed);
        }
    }

    static long count(Database db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private HeartbeatBenchmark() {
    }
}

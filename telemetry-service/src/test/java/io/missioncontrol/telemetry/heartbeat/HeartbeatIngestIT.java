package io.missioncontrol.telemetry.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.telemetry.Heartbeat;
import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * Heartbeats through the service's HTTP endpoint (as the gateway forwards an agent key's request) into PostgreSQL.
 * The gateway's agent keys are built elsewhere; here the internal token says "agent" as the gateway would.
 */
@ServiceTest
class HeartbeatIngestIT {

    @Autowired
    WebTestClient http;
    @LocalServerPort
    int port;
    @Autowired
    DatabaseClient db;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    ConsumerFactory<String, byte[]> consumers;

    @Test
    void storesTenThousandHeartbeatsFromAHundredAgentsExactlyOnceWithRollupsThatAgree() throws Exception {
        UUID org = UUID.randomUUID();
        List<UUID> agents = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            agents.add(UUID.randomUUID());
        }
        // 100 heartbeats per agent, a second apart, ending now: they span a few minutes and maybe an hour boundary.
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(100);
        List<Map<String, Object>> resent = new ArrayList<>();
        List<Map.Entry<UUID, List<Map<String, Object>>>> requests = new ArrayList<>();
        for (int batch = 0; batch < 10; batch++) {
            for (int a = 0; a < agents.size(); a++) {
                List<Map<String, Object>> heartbeats = new ArrayList<>();
                for (int i = batch * 10; i < batch * 10 + 10; i++) {
                    heartbeats.add(Heartbeats.body(start.plusSeconds(i), a * 100 + i));
                }
                requests.add(Map.entry(agents.get(a), heartbeats));
                if (a == 7 && batch == 3) {
                    resent.addAll(heartbeats);
                }
            }
        }
        // Eight agents at a time, as a fleet would send them; every answer must be 202 for 10 heartbeats.
        WebClient client = WebClient.create("http://localhost:" + port);
        List<Integer> accepted = Flux.fromIterable(requests)
                .flatMap(request -> client.post().uri("/api/telemetry/heartbeats")
                        .headers(h -> h.setBearerAuth(TestTokens.agent(request.getKey(), org, "telemetry:write")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("heartbeats", request.getValue()))
                        .retrieve()
                        .bodyToMono(Map.class)
                        .map(answer -> ((Number) answer.get("accepted")).intValue()), 8)
                .collectList()
                .block(Duration.ofSeconds(120));
        assertThat(accepted).hasSize(1_000).allMatch(n -> n == 10);
        // A client retrying a batch it thinks was lost, and a record delivered twice on Kafka: stored once.
        Heartbeats.post(http, agents.get(7), org, Map.of("heartbeats", resent)).expectStatus().isAccepted();
        Heartbeat copy = new Heartbeat(UUID.randomUUID(), agents.get(0), org, start, Instant.now(),
                new Heartbeat.Runtime("running", null), 1, new Heartbeat.Usage(2, 1), new Heartbeat.Usage(2, 1),
                new Heartbeat.Network(1, 1), List.of(), List.of());
        kafka.send(Topics.HEARTBEATS, copy.agentId().toString(), HeartbeatJson.write(copy)).get();

        String inTest = "agent_id IN (" + agents.stream().map(a -> "'" + a + "'").reduce((x, y) -> x + "," + y)
                .orElseThrow() + ")";
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM heartbeat WHERE " + inTest),
                n -> n == 10_000);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> count("SELECT count(*) FROM heartbeat WHERE " + inTest), n -> n == 10_000);
        assertThat(count("SELECT count(*) FROM token_usage WHERE " + inTest)).isEqualTo(20_000);
        assertThat(count("SELECT count(*) FROM agent_error WHERE " + inTest)).isEqualTo(1_000);
        assertThat(count("SELECT count(DISTINCT heartbeat_id) FROM heartbeat WHERE " + inTest)).isEqualTo(10_000);

        // Rollups against the raw rows: every minute and hour bucket, every measure.
        String rawPerBucket = """
                SELECT b.*, coalesce(t.input, 0) AS input, coalesce(t.output, 0) AS output,
                       coalesce(e.errors, 0) AS errors
                FROM (SELECT agent_id, date_trunc('%1$s', time) AS bucket, count(*) AS samples,
                             sum(cpu_percent) AS cpu_sum, max(cpu_percent) AS cpu_max,
                             sum(memory_used_bytes) AS mem_sum, max(disk_used_bytes) AS disk_max,
                             sum(network_rx_bytes_per_second) AS rx_sum, sum(network_tx_bytes_per_second) AS tx_sum
                      FROM heartbeat WHERE %2$s GROUP BY 1, 2) b
                LEFT JOIN (SELECT agent_id, date_trunc('%1$s', time) AS bucket, sum(input_tokens) AS input,
                                  sum(output_tokens) AS output
                           FROM token_usage WHERE %2$s GROUP BY 1, 2) t USING (agent_id, bucket)
                LEFT JOIN (SELECT agent_id, date_trunc('%1$s', heartbeat_time) AS bucket, count(*) AS errors
                           FROM agent_error WHERE %2$s GROUP BY 1, 2) e USING (agent_id, bucket)""";
        for (String unit : List.of("minute", "hour")) {
            String raw = rawPerBucket.formatted(unit, inTest);
            String rollup = "heartbeat_" + unit;
            long mismatches = count("""
                    SELECT count(*) FROM (%s) r FULL JOIN %s m ON m.agent_id = r.agent_id AND m.bucket = r.bucket
                    WHERE (r.agent_id IS NULL AND m.%s) OR m.agent_id IS NULL OR m.samples <> r.samples
                       OR abs(m.cpu_percent_sum - r.cpu_sum) > 1e-6 OR m.cpu_percent_max <> r.cpu_max
                       OR m.memory_used_bytes_sum <> r.mem_sum OR m.disk_used_bytes_max <> r.disk_max
                       OR abs(m.network_rx_bytes_per_second_sum - r.rx_sum) > 1e-6
                       OR abs(m.network_tx_bytes_per_second_sum - r.tx_sum) > 1e-6
                       OR m.input_tokens <> r.input OR m.output_tokens <> r.output OR m.errors <> r.errors"""
                    .formatted(raw, rollup, inTest));
            assertThat(mismatches).as(rollup + " rows that disagree with the raw heartbeats").isZero();
            assertThat(count("SELECT coalesce(sum(samples), 0) FROM " + rollup + " WHERE " + inTest))
                    .isEqualTo(10_000);
        }
        assertThat(count("SELECT sum(input_tokens) FROM token_usage_hour WHERE model = 'gpt-5' AND " + inTest))
                .isEqualTo(100_000);
        assertThat(count("SELECT sum(input_tokens) FROM token_usage WHERE " + inTest))
                .isEqualTo(count("SELECT sum(input_tokens) FROM token_usage_hour WHERE " + inTest));
    }

    @Test
    void refusesAnInvalidBatchWholeAndListsTheBadFields() {
        UUID org = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> bad = new java.util.HashMap<>(Heartbeats.body(now.minusSeconds(1), 1));
        bad.put("cpu_percent", 140);
        bad.put("memory", Map.of("total_bytes", 10, "used_bytes", 20));
        Map<String, Object> future = Heartbeats.body(now.plus(Duration.ofHours(1)), 2);
        http.post().uri("/api/telemetry/heartbeats")
                .headers(h -> h.setBearerAuth(TestTokens.agent(agent, org, "telemetry:write")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("heartbeats", List.of(Heartbeats.body(now.minusSeconds(3), 0), bad, future)))
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("validation_failed")
                .jsonPath("$.errors[*].field").value(fields -> assertThat((List<String>) fields)
                        .containsExactlyInAnyOrder("heartbeats[1].cpu_percent", "heartbeats[1].memory.used_bytes",
                                "heartbeats[2].time"));
        http.post().uri("/api/telemetry/heartbeats")
                .headers(h -> h.setBearerAuth(TestTokens.agent(agent, org, "telemetry:write")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("cpu_percent", "lots"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_field");

        // The agent's heartbeats share a partition: once a later one is stored, an earlier one would have been too.
        Heartbeats.post(http, agent, org, Heartbeats.body(now, 9)).expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT count(*) FROM heartbeat WHERE agent_id = '" + agent + "'"), n -> n > 0);
        assertThat(count("SELECT count(*) FROM heartbeat WHERE agent_id = '" + agent + "'")).isEqualTo(1);
    }

    @Test
    void refusesPeopleTheAdminAndAgentsWithoutTheTelemetryScope() {
        var body = Heartbeats.body(Instant.now(), 1);
        for (String token : List.of(TestTokens.admin(), TestTokens.user("auth0|ada", "ada@example.com"))) {
            http.post().uri("/api/telemetry/heartbeats").headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                    .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("forbidden");
        }
        http.post().uri("/api/telemetry/heartbeats")
                .headers(h -> h.setBearerAuth(TestTokens.agent(UUID.randomUUID(), UUID.randomUUID(), "tasks:read")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isForbidden().expectBody()
                .jsonPath("$.code").isEqualTo("insufficient_scope")
                .jsonPath("$.required_scope").isEqualTo("telemetry:write");
        http.post().uri("/api/telemetry/heartbeats").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void deadLettersARecordThatIsNotAHeartbeatAndKeepsWriting() throws Exception {
        String marker = "not a heartbeat " + UUID.randomUUID();
        kafka.send(Topics.HEARTBEATS, UUID.randomUUID().toString(), marker.getBytes(StandardCharsets.UTF_8)).get();
        UUID org = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        Heartbeats.post(http, agent, org, Heartbeats.body(Instant.now(), 3)).expectStatus().isAccepted();

        try (var consumer = consumers.createConsumer("dlt-" + UUID.randomUUID(), null, null,
                new java.util.Properties() {{
                    put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
                }})) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.HEARTBEATS)));
            List<String> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(r -> seen.add(new String(r.value(), StandardCharsets.UTF_8)));
                return seen.contains(marker);
            });
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT count(*) FROM heartbeat WHERE agent_id = '" + agent + "'"), n -> n == 1);
    }

    private long count(String sql) {
        Number n = db.sql(sql).map(row -> row.get(0, Number.class)).one().block(Duration.ofSeconds(10));
        return n == null ? 0 : n.longValue();
    }
}

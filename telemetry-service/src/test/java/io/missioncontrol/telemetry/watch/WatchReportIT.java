package io.missioncontrol.telemetry.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Watch reports, as the gateway forwards them (key removed, internal agent token), stored as native heartbeats. */
@ServiceTest
class WatchReportIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    WebTestClient http;
    @Autowired
    DatabaseClient db;

    private final UUID agent = UUID.randomUUID();
    private final UUID organization = UUID.randomUUID();

    @Test
    void statusReportsBecomeHeartbeatsAndTheirRunningTotalsBecomeDeltas() {
        post("/api/report/status", status(10_000, 15_000)).expectStatus().isOk()
                .expectBody().jsonPath("$.success").isEqualTo(true);
        post("/api/report/status", status(10_300, 15_500)).expectStatus().isOk();
        post("/api/report/status", status(100, 150)).expectStatus().isOk(); // the host's runtime restarted

        await().atMost(PATIENCE).until(() -> number("SELECT count(*) FROM heartbeat WHERE agent_id = :agent") == 3);
        List<Map<String, Object>> tokens = db.sql("""
                        SELECT model, input_tokens, output_tokens FROM token_usage WHERE agent_id = :agent ORDER BY time""")
                .bind("agent", agent).fetch().all().collectList().block();
        assertThat(tokens).containsExactly(
                Map.of("model", "claude-opus", "input_tokens", 300L, "output_tokens", 200L),
                Map.of("model", "claude-opus", "input_tokens", 100L, "output_tokens", 50L));
        Map<String, Object> sample = db.sql("""
                        SELECT organization_id, runtime_status, runtime_version, cpu_percent, memory_used_bytes,
                               network_rx_bytes_per_second FROM heartbeat WHERE agent_id = :agent LIMIT 1""")
                .bind("agent", agent).fetch().one().block();
        assertThat(sample).containsEntry("organization_id", organization).containsEntry("runtime_status", "running")
                .containsEntry("runtime_version", "2026.3.1").containsEntry("cpu_percent", 12.5)
                .containsEntry("memory_used_bytes", 4_000_000_000L)
                .containsEntry("network_rx_bytes_per_second", 2048.5);
    }

    @Test
    void anErrorBeforeAnyStatusWaitsForTheFirstAndOneAfterTravelsAtOnce() {
        post("/api/report/error", Map.of("level", "error", "message", "gateway crashed", "source", "openclaw"))
                .expectStatus().isOk().expectBody().jsonPath("$.success").isEqualTo(true);
        post("/api/report/status", status(1, 1)).expectStatus().isOk();
        await().atMost(PATIENCE).until(() -> number("SELECT count(*) FROM agent_error WHERE agent_id = :agent") == 1);

        post("/api/report/error", Map.of("level", "warning", "message", "slow disk")).expectStatus().isOk();
        await().atMost(PATIENCE).until(() -> number("SELECT count(*) FROM agent_error WHERE agent_id = :agent") == 2);
        assertThat(db.sql("SELECT message FROM agent_error WHERE agent_id = :agent ORDER BY logged_at")
                .bind("agent", agent).map(row -> row.get("message", String.class)).all().collectList().block())
                .containsExactly("[openclaw] gateway crashed", "slow disk");
    }

    @Test
    void refusesInvalidReportsAndCallersThatAreNotTelemetryAgents() {
        Map<String, Object> bad = new HashMap<>(status(1, 1));
        bad.put("openclaw_status", "exploded");
        post("/api/report/status", bad).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("validation_failed")
                .jsonPath("$.errors[0].field").isEqualTo("openclaw_status");
        post("/api/report/error", Map.of("level", "error", "message", "x".repeat(501))).expectStatus().isEqualTo(422);
        http.post().uri("/api/report/status").headers(h -> h.setBearerAuth(TestTokens.agent(agent, organization)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(status(1, 1)).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("insufficient_scope");
        http.post().uri("/api/report/status").headers(h -> h.setBearerAuth(TestTokens.admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(status(1, 1)).exchange()
                .expectStatus().isForbidden();
    }

    private WebTestClient.ResponseSpec post(String path, Object body) {
        return http.post().uri(path)
                .headers(h -> h.setBearerAuth(TestTokens.agent(agent, organization, "telemetry:write")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private long number(String sql) {
        return db.sql(sql).bind("agent", agent).map(row -> row.get(0, Long.class)).one().block();
    }

    private static Map<String, Object> status(long contextTokens, long totalTokens) {
        Map<String, Object> status = new HashMap<>();
        status.put("openclaw_version", "2026.3.1");
        status.put("openclaw_status", "running");
        status.put("runtime", "node");
        status.put("model", "claude-opus");
        status.put("thinking", "low");
        status.put("cpu_percent", 12.5);
        status.put("memory_percent", 25.0);
        status.put("memory_total", 16_000_000_000L);
        status.put("memory_used", 4_000_000_000L);
        status.put("disk_percent", 20.0);
        status.put("disk_total", 500_000_000_000L);
        status.put("disk_used", 100_000_000_000L);
        status.put("upload_speed", 1024.25);
        status.put("download_speed", 2048.5);
        status.put("public_ip", "203.0.113.7");
        status.put("context_tokens", contextTokens);
        status.put("total_tokens", totalTokens);
        return status;
    }
}

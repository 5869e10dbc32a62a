package io.missioncontrol.telemetry.heartbeat;

import io.missioncontrol.platform.testing.TestTokens;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Heartbeat request bodies and posting them as an agent, for the integration tests. */
public final class Heartbeats {

    /** A valid heartbeat whose numbers derive from {@code n}, so sums over many are predictable. */
    public static Map<String, Object> body(Instant time, int n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("time", time.toString());
        body.put("runtime", Map.of("status", "running", "version", "2026.3.1"));
        body.put("cpu_percent", (n % 100) + 0.5);
        body.put("memory", Map.of("total_bytes", 16_000_000_000L, "used_bytes", 1_000_000L * (n % 1000)));
        body.put("disk", Map.of("total_bytes", 500_000_000_000L, "used_bytes", 2_000_000L * (n % 1000)));
        body.put("network", Map.of("rx_bytes_per_second", 1000.0 + n, "tx_bytes_per_second", 500.0 + n));
        body.put("token_usage", List.of(
                Map.of("model", "claude-sonnet", "input_tokens", 100 + n, "output_tokens", 50, "cached_tokens", 7),
                Map.of("model", "gpt-5", "input_tokens", 10, "output_tokens", n, "cached_tokens", 0)));
        body.put("errors", n % 10 == 0
                ? List.of(Map.of("level", "error", "message", "tool call failed " + n, "time", time.toString(),
                        "stack", "at Tool.call"))
                : List.of());
        return body;
    }

    public static WebTestClient.ResponseSpec post(WebTestClient http, UUID agent, UUID organization, Object body) {
        return http.post().uri("/api/telemetry/heartbeats")
                .headers(h -> h.setBearerAuth(TestTokens.agent(agent, organization, "telemetry:write")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private Heartbeats() {
    }
}

package io.missioncontrol.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.SignedJWT;
import io.missioncontrol.contracts.credential.AgentKeyIssued;
import io.missioncontrol.contracts.credential.AgentKeys;
import io.missioncontrol.contracts.credential.AgentScopes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** OpenClaw Watch reports: the agent key travels in the body, is checked like any agent key and never forwarded. */
class WatchReportAuthenticationTest extends GatewayIntegrationTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final UUID organizationId = UUID.randomUUID();
    private final UUID agentId = UUID.randomUUID();
    private String key;

    @BeforeEach
    void anIssuedKey() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
        UUID keyId = UUID.randomUUID();
        String secret = AgentKeys.newSecret(RANDOM);
        CredentialEvents.publish(new AgentKeyIssued(keyId, agentId, organizationId, "watch", AgentKeys.hash(secret),
                List.of(AgentScopes.TELEMETRY_WRITE), null, 1));
        key = AgentKeys.format(keyId, secret);
        await().atMost(Duration.ofSeconds(5)).until(() -> post("/api/report/error", Map.of("api_key", key,
                "level", "info", "message", "hello", "source", "test")) == 200);
    }

    @Test
    void forwardsAStatusReportAsTheAgentWithoutItsKey() throws Exception {
        Map<?, ?> seen = client.post().uri("/api/report/status").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("api_key", key, "openclaw_status", "running", "cpu_percent", 12.5,
                        "total_tokens", 1200))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(seen.get("service")).isEqualTo("telemetry");
        assertThat(seen.get("path")).isEqualTo("/api/report/status");
        String body = (String) seen.get("body");
        assertThat(body).doesNotContain(key).doesNotContain("api_key");
        assertThat(JsonMapper.shared().readValue(body, Map.class))
                .isEqualTo(Map.of("openclaw_status", "running", "cpu_percent", 12.5, "total_tokens", 1200));
        assertThat(seen.get("content_length")).isEqualTo(String.valueOf(body.getBytes().length));
        String authorization = (String) seen.get("authorization");
        var claims = SignedJWT.parse(authorization.substring("Bearer ".length())).getJWTClaimsSet();
        assertThat(claims.getStringClaim("kind")).isEqualTo("agent");
        assertThat(claims.getSubject()).isEqualTo(agentId.toString());
        assertThat(claims.getStringClaim("org")).isEqualTo(organizationId.toString());
        assertThat(claims.getStringListClaim("scopes")).containsExactly(AgentScopes.TELEMETRY_WRITE);
    }

    @Test
    void refusesAReportWithoutAKeyOrWithABadOne() {
        expectUnauthenticated(Map.of("level", "error", "message", "no key"));
        expectUnauthenticated(Map.of("api_key", AgentKeys.format(UUID.randomUUID(), AgentKeys.newSecret(RANDOM)),
                "level", "error", "message", "unknown key"));
        expectUnauthenticated(Map.of("api_key", key + "x", "level", "error", "message", "wrong secret"));
        expectUnauthenticated(Map.of("api_key", 42, "level", "error", "message", "not a string"));
        client.post().uri("/api/report/status").contentType(MediaType.APPLICATION_JSON).bodyValue("{not json")
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aKeyInTheHeaderIsNotHowAReportSignsIn() {
        client.post().uri("/api/report/status").headers(h -> h.setBearerAuth(key))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("openclaw_status", "running"))
                .exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
    }

    @Test
    void theAdminTokenInTheBodyIsNoAgentKey() {
        expectUnauthenticated(Map.of("api_key", TestKeys.ADMIN_TOKEN, "level", "error", "message", "x"));
    }

    @Test
    void refusesAnOversizedReportBeforeReadingItAll() {
        client.post().uri("/api/report/error").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("api_key", key, "message", "x".repeat(20_000)))
                .exchange().expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.code").isEqualTo("payload_too_large");
    }

    @Test
    void otherTelemetryPathsStillTakeTheKeyFromTheHeader() {
        client.post().uri("/api/telemetry/heartbeats").headers(h -> h.setBearerAuth(key))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("api_key", "ignored"))
                .exchange().expectStatus().isOk();
    }

    private int post(String path, Map<String, ?> body) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .returnResult(String.class).getStatus().value();
    }

    private void expectUnauthenticated(Map<String, ?> body) {
        client.post().uri("/api/report/error").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
    }
}

package io.missioncontrol.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.missioncontrol.contracts.credential.AgentKeyIssued;
import io.missioncontrol.contracts.credential.AgentKeyRevoked;
import io.missioncontrol.contracts.credential.AgentKeys;
import io.missioncontrol.contracts.credential.AgentScopes;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Agent API keys end to end on the gateway's side: issued and revoked on Kafka, checked on every request. */
class AgentKeyAuthenticationTest extends GatewayIntegrationTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final UUID organizationId = UUID.randomUUID();
    private final UUID agentId = UUID.randomUUID();

    @BeforeEach
    void credentialCacheIsLoaded() {
        // The readiness group includes the credential cache: ready means the agent keys are loaded.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
    }

    @Test
    void issuedKeyReachesServiceAsAgentOfItsOrganizationWithItsScopes() throws Exception {
        String key = issueKey(UUID.randomUUID(), List.of(AgentScopes.TASKS_READ, AgentScopes.TASKS_WRITE), null);

        Map<?, ?> seen = await().atMost(Duration.ofSeconds(5)).until(() -> echoed(key), body -> body != null);

        String authorization = (String) seen.get("authorization");
        assertThat(authorization).startsWith("Bearer ").doesNotContain(key);
        SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
        assertThat(jwt.verify(new RSASSAVerifier(TestKeys.publicKey()))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getStringClaim("kind")).isEqualTo("agent");
        assertThat(claims.getSubject()).isEqualTo(agentId.toString());
        assertThat(claims.getStringClaim("agent_id")).isEqualTo(agentId.toString());
        assertThat(claims.getStringClaim("org")).isEqualTo(organizationId.toString());
        assertThat(claims.getStringListClaim("scopes"))
                .containsExactlyInAnyOrder(AgentScopes.TASKS_READ, AgentScopes.TASKS_WRITE);
    }

    @Test
    void revokedKeyIsRefusedWithinFiveSeconds() {
        UUID keyId = UUID.randomUUID();
        String key = issueKey(keyId, List.of(AgentScopes.TASKS_READ), null);
        await().atMost(Duration.ofSeconds(5)).until(() -> echoed(key), body -> body != null);

        CredentialEvents.publish(new AgentKeyRevoked(keyId, agentId, organizationId, "robot", "revoked", 2));

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(key) == 401);
        expectUnauthenticated(key);
    }

    @Test
    void wrongSecretForKnownKeyIdIsRefused() {
        UUID keyId = UUID.randomUUID();
        String key = issueKey(keyId, List.of(AgentScopes.TASKS_READ), null);
        await().atMost(Duration.ofSeconds(5)).until(() -> echoed(key), body -> body != null);

        expectUnauthenticated(AgentKeys.format(keyId, AgentKeys.newSecret(RANDOM)));
    }

    @Test
    void expiredKeyIsRefused() {
        UUID keyId = UUID.randomUUID();
        String key = issueKey(keyId, List.of(AgentScopes.TASKS_READ), Instant.now().minusSeconds(1));
        // A live key published after the expired one shows when the cache has read past it.
        String live = issueKey(UUID.randomUUID(), List.of(AgentScopes.TASKS_READ), null);
        await().atMost(Duration.ofSeconds(5)).until(() -> echoed(live), body -> body != null);

        expectUnauthenticated(key);
    }

    @Test
    void unknownKeyIdIsRefused() {
        expectUnauthenticated(AgentKeys.format(UUID.randomUUID(), AgentKeys.newSecret(RANDOM)));
    }

    @Test
    void malformedAgentKeyIsRefused() {
        expectUnauthenticated("mc_not-a-key-id.secret");
        expectUnauthenticated(AgentKeys.format(UUID.randomUUID(), "short"));
    }

    @Test
    void readinessReportsTheCredentialCache() {
        client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    private String issueKey(UUID keyId, List<String> scopes, @Nullable Instant expiresAt) {
        String secret = AgentKeys.newSecret(RANDOM);
        CredentialEvents.publish(new AgentKeyIssued(keyId, agentId, organizationId, "robot", AgentKeys.hash(secret),
                scopes, expiresAt, 1));
        return AgentKeys.format(keyId, secret);
    }

    private @Nullable Map<?, ?> echoed(String key) {
        var result = client.get().uri("/api/tasks").headers(headers -> headers.setBearerAuth(key)).exchange()
                .returnResult(Map.class);
        return result.getStatus().value() == 200 ? result.getResponseBody().blockFirst() : null;
    }

    private int status(String key) {
        return client.get().uri("/api/tasks").headers(headers -> headers.setBearerAuth(key)).exchange()
                .returnResult(String.class).getStatus().value();
    }

    private void expectUnauthenticated(String token) {
        client.get().uri("/api/tasks").headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated")
                .jsonPath("$.detail").isEqualTo("The bearer token is not valid.");
    }
}

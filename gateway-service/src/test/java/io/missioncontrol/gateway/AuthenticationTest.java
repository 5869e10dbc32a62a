package io.missioncontrol.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class AuthenticationTest extends GatewayIntegrationTest {

    @Test
    void requestWithoutTokenIsRejectedWithProblem() {
        client.get().uri("/api/tasks").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.code").isEqualTo("unauthenticated")
                .jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void requestWithWrongTokenIsRejected() {
        client.get().uri("/api/tasks").headers(headers -> headers.setBearerAuth(TestKeys.randomToken())).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
    }

    @Test
    void adminTokenSentAsBasicCredentialsIsRejected() {
        client.get().uri("/api/tasks").headers(headers -> headers.setBasicAuth("admin", TestKeys.ADMIN_TOKEN))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
    }

    @Test
    void unknownApiPathNeedsAuthenticationFirst() {
        client.get().uri("/api/no-such-thing").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
    }

    @Test
    void adminRequestReachesServiceWithInternalTokenInsteadOfAdminToken() throws Exception {
        Instant before = Instant.now();
        Map<?, ?> seen = asAdmin("/api/tasks/42").exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        String authorization = (String) seen.get("authorization");
        assertThat(authorization).startsWith("Bearer ").doesNotContain(TestKeys.ADMIN_TOKEN);
        SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
        assertThat(jwt.verify(new RSASSAVerifier(TestKeys.publicKey()))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");

        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("mission-control-gateway");
        assertThat(claims.getAudience()).containsExactly("mission-control");
        assertThat(claims.getSubject()).isEqualTo("admin");
        assertThat(claims.getStringClaim("kind")).isEqualTo("admin");
        assertThat(claims.getJWTID()).isNotBlank();
        Instant expiresAt = claims.getExpirationTime().toInstant();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), expiresAt)).isEqualTo(Duration.ofSeconds(60));
        // A reused token still has more than half its life; a fresh one has up to the whole minute.
        assertThat(expiresAt).isAfter(before.plusSeconds(29)).isBefore(Instant.now().plusSeconds(61));
    }

    @Test
    void identityHeadersFromClientsAreNotForwarded() {
        asAdmin("/api/tasks")
                .header("X-Forwarded-User", "mallory")
                .header("X-User-Id", "mallory")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.forwarded_user").doesNotExist()
                .jsonPath("$.user_id").doesNotExist();
    }
}

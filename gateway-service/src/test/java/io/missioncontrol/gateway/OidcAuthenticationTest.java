package io.missioncontrol.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** People sign in with their identity provider's JWT; the services see a {@code user} caller. */
class OidcAuthenticationTest extends GatewayIntegrationTest {

    @Test
    void validUserTokenReachesServiceAsUserWithEmail() throws Exception {
        String token = IDENTITY_PROVIDER.token("auth0|ada", claims -> claims
                .claim("email", "Ada@Example.com").claim("email_verified", true));

        JWTClaimsSet internal = internalClaimsFor(token);

        assertThat(internal.getStringClaim("kind")).isEqualTo("user");
        assertThat(internal.getSubject()).isEqualTo("auth0|ada");
        assertThat(internal.getStringClaim("email")).isEqualTo("ada@example.com");
        assertThat(internal.getIssuer()).isEqualTo("mission-control-gateway");
        assertThat(internal.getClaims()).doesNotContainKeys("org", "scopes", "agent_id");
    }

    @Test
    void tokenWithoutEmailMakesAUserKnownBySubjectOnly() throws Exception {
        JWTClaimsSet internal = internalClaimsFor(IDENTITY_PROVIDER.token("grace"));

        assertThat(internal.getStringClaim("kind")).isEqualTo("user");
        assertThat(internal.getSubject()).isEqualTo("grace");
        assertThat(internal.getClaims()).doesNotContainKey("email");
    }

    /** Memberships granted to an address go to whoever presents it first: an unverified one must not count. */
    @Test
    void emailTheProviderDidNotVerifyIsNotForwarded() throws Exception {
        for (Object unverified : new Object[] {false, "false"}) {
            String token = IDENTITY_PROVIDER.token("mallory", claims -> claims
                    .claim("email", "ceo@example.com").claim("email_verified", unverified));

            assertThat(internalClaimsFor(token).getClaims()).as("email_verified=%s", unverified)
                    .doesNotContainKey("email");
        }
    }

    @Test
    void accessTokenTypedAtJwtIsAccepted() throws Exception {
        assertThat(internalClaimsFor(IDENTITY_PROVIDER.tokenOfType("at+jwt", "ada")).getSubject()).isEqualTo("ada");
    }

    @Test
    void tokenOfAnotherTypeIsRejected() {
        client.get().uri("/api/tasks").headers(h -> h.setBearerAuth(IDENTITY_PROVIDER.tokenOfType("logout+jwt", "ada")))
                .exchange().expectStatus().isUnauthorized();
    }

    static Stream<Arguments> refusedTokens() {
        Instant longAgo = Instant.now().minusSeconds(3600);
        return Stream.of(
                refused("from another issuer", claims -> claims.issuer("https://evil.example.com")),
                refused("expired", claims -> claims.issueTime(Date.from(longAgo))
                        .expirationTime(Date.from(longAgo.plusSeconds(300)))),
                refused("without expiry", claims -> claims.expirationTime(null)),
                refused("for another audience", claims -> claims.audience("some-other-app")),
                refused("without audience", claims -> claims.audience((String) null)),
                refused("without subject", claims -> claims.subject(null)),
                refused("with a blank subject", claims -> claims.subject(" ")),
                refused("not yet valid", claims -> claims.notBeforeTime(Date.from(Instant.now().plusSeconds(3600)))),
                Arguments.of("signed with a key the provider never published",
                        TestIdentityProvider.sign(TestIdentityProvider.newKey(), TestIdentityProvider.claims("eve").build())),
                Arguments.of("signed with another key under the published key's id",
                        TestIdentityProvider.sign(IDENTITY_PROVIDER.impostorKey(),
                                TestIdentityProvider.claims("eve").build())),
                Arguments.of("signed with a shared secret (HS256)",
                        TestIdentityProvider.sign(hmacSigner(), JWSAlgorithm.HS256, "hmac",
                                TestIdentityProvider.claims("eve").build())),
                Arguments.of("tampered with after signing", tampered(IDENTITY_PROVIDER.token("eve"))));
    }

    @ParameterizedTest(name = "token {0}")
    @MethodSource("refusedTokens")
    void invalidTokenIsRejected(String why, String token) {
        client.get().uri("/api/tasks").headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
    }

    @Test
    void unreachableIdentityProviderIsUnavailableNotUnauthenticated() {
        // A key id the gateway has not cached makes it fetch the key set again, which now fails.
        String token = TestIdentityProvider.sign(TestIdentityProvider.newKey(),
                TestIdentityProvider.claims("ada").build());
        IDENTITY_PROVIDER.setAvailable(false);
        try {
            client.get().uri("/api/tasks").headers(headers -> headers.setBearerAuth(token)).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("identity_provider_unavailable");
        } finally {
            IDENTITY_PROVIDER.setAvailable(true);
        }
    }

    @Test
    void adminTokenStillWorksNextToSignIn() {
        asAdmin("/api/tasks").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo("task");
    }

    private JWTClaimsSet internalClaimsFor(String token) throws Exception {
        Map<?, ?> seen = client.get().uri("/api/tasks").headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        String authorization = (String) seen.get("authorization");
        assertThat(authorization).startsWith("Bearer ").doesNotContain(token);
        SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
        assertThat(jwt.verify(new RSASSAVerifier(TestKeys.publicKey()))).isTrue();
        return jwt.getJWTClaimsSet();
    }

    private static Arguments refused(String why, UnaryOperator<JWTClaimsSet.Builder> change) {
        return Arguments.of(why, IDENTITY_PROVIDER.token("eve", change));
    }

    /** The payload swapped for one naming another subject; the signature is the original's. */
    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                TestIdentityProvider.claims("admin").build().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }

    private static MACSigner hmacSigner() {
        try {
            return new MACSigner(new byte[32]);
        } catch (KeyLengthException e) {
            throw new IllegalStateException(e);
        }
    }
}

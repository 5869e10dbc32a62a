package io.missioncontrol.platform.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A service that imports the configuration, behind which sits a controller that reports who called. */
@SpringBootTest(classes = InternalTokenSecurityTest.Service.class)
@AutoConfigureWebTestClient
class InternalTokenSecurityTest {

    private static final InternalKeys.PemKeyPair GATEWAY_KEYS = InternalKeys.generate();
    private static final InternalKeys.PemKeyPair OTHER_KEYS = InternalKeys.generate();

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void gatewayPublicKey(DynamicPropertyRegistry registry) {
        registry.add("mc.internal-token.public-key", GATEWAY_KEYS::publicKeyPem);
    }

    @Test
    void requestWithoutTokenIsRejectedWithProblem() {
        client.get().uri("/whoami").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.code").isEqualTo("unauthenticated");
    }

    static Stream<Arguments> invalidTokens() {
        UnaryOperator<JWTClaimsSet.Builder> unchanged = claims -> claims;
        Instant longAgo = Instant.now().minusSeconds(600);
        return Stream.of(
                Arguments.of("signed by another key", InternalTokens.sign(OTHER_KEYS.privateKeyPem(), unchanged)),
                Arguments.of("expired", InternalTokens.sign(GATEWAY_KEYS.privateKeyPem(), claims -> claims
                        .issueTime(Date.from(longAgo)).expirationTime(Date.from(longAgo.plusSeconds(60))))),
                Arguments.of("without expiry", InternalTokens.sign(GATEWAY_KEYS.privateKeyPem(),
                        claims -> claims.expirationTime(null))),
                Arguments.of("from another issuer", InternalTokens.sign(GATEWAY_KEYS.privateKeyPem(),
                        claims -> claims.issuer("someone-else"))),
                Arguments.of("for another audience", InternalTokens.sign(GATEWAY_KEYS.privateKeyPem(),
                        claims -> claims.audience("another-system"))),
                Arguments.of("with an unknown kind", InternalTokens.sign(GATEWAY_KEYS.privateKeyPem(),
                        claims -> claims.claim("kind", "root"))),
                Arguments.of("with a malformed organization", InternalTokens.sign(GATEWAY_KEYS.privateKeyPem(),
                        claims -> claims.claim("org", "not-a-uuid"))),
                Arguments.of("signed with a shared secret (HS256)", InternalTokens.sign(hmacSigner(), JWSAlgorithm.HS256,
                        unchanged)),
                Arguments.of("not a token at all", "not-a-jwt"));
    }

    @ParameterizedTest(name = "token {0}")
    @MethodSource("invalidTokens")
    void invalidTokenIsRejectedWithProblem(String why, String token) {
        client.get().uri("/whoami").headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
    }

    @Test
    void validTokenMakesItsCallerTheCurrentCaller() {
        UUID org = UUID.randomUUID();
        String agent = UUID.randomUUID().toString();
        String token = InternalTokens.sign(GATEWAY_KEYS.privateKeyPem(), claims -> claims
                .subject(agent).claim("kind", "agent").claim("org", org.toString())
                .claim("scopes", List.of("tasks:read", "heartbeats:write")).claim("agent_id", agent));

        client.get().uri("/whoami").headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.kind").isEqualTo("AGENT")
                .jsonPath("$.subject").isEqualTo(agent)
                .jsonPath("$.organization_id").isEqualTo(org.toString())
                .jsonPath("$.scopes.length()").isEqualTo(2);
    }

    @Test
    void userTokenCarriesTheEmailInLowerCase() {
        String token = InternalTokens.sign(GATEWAY_KEYS.privateKeyPem(), claims -> claims
                .subject("auth0|4711").claim("kind", "user").claim("email", "Ada.Lovelace@Example.COM"));

        client.get().uri("/whoami").headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.kind").isEqualTo("USER")
                .jsonPath("$.subject").isEqualTo("auth0|4711")
                .jsonPath("$.email").isEqualTo("ada.lovelace@example.com");
    }

    @Test
    void adminTokenIsFixedToNoOrganization() {
        String token = InternalTokens.sign(GATEWAY_KEYS.privateKeyPem(), claims -> claims);

        client.get().uri("/whoami").headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.kind").isEqualTo("ADMIN")
                .jsonPath("$.subject").isEqualTo("admin")
                .jsonPath("$.organization_id").isEqualTo("none")
                .jsonPath("$.email").isEqualTo("none");
    }

    @Test
    void deniedAccessIsForbiddenProblem() {
        String token = InternalTokens.sign(GATEWAY_KEYS.privateKeyPem(), claims -> claims);

        client.get().uri("/forbidden").headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.code").isEqualTo("forbidden");
    }

    @Test
    void healthAnswersWithoutToken() {
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    private static MACSigner hmacSigner() {
        try {
            return new MACSigner(new byte[32]);
        } catch (KeyLengthException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A service without database or broker: only the web and security parts of the platform. */
    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
            "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
            "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcRepositoriesAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
    @Import({InternalTokenSecurityConfiguration.class, WhoAmI.class})
    static class Service {
    }

    @RestController
    static class WhoAmI {

        @GetMapping("/whoami")
        Mono<Map<String, Object>> whoami() {
            return Caller.current().map(caller -> Map.of(
                    "kind", caller.kind(),
                    "subject", caller.subject(),
                    "organization_id", caller.organizationId() == null ? "none" : caller.organizationId().toString(),
                    "scopes", caller.scopes(),
                    "email", caller.email() == null ? "none" : caller.email()));
        }

        @GetMapping("/forbidden")
        Mono<String> forbidden() {
            return Mono.error(new AccessDeniedException("not for you"));
        }
    }
}

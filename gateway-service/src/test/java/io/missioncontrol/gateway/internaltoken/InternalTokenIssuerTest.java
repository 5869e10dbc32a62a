package io.missioncontrol.gateway.internaltoken;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.missioncontrol.gateway.TestKeys;
import io.missioncontrol.gateway.auth.GatewayCaller;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InternalTokenIssuerTest {

    private static final KeyPair KEYS = TestKeys.generate();
    private static final GatewayCaller ADMIN = new GatewayCaller(GatewayCaller.Kind.ADMIN, "admin", null, Set.of(), null);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final InternalTokenIssuer issuer = new InternalTokenIssuer((RSAPrivateKey) KEYS.getPrivate(),
            "mission-control-gateway", "mission-control", Duration.ofSeconds(60), clock);

    @Test
    void tokenCarriesTheAgentsIdentity() throws Exception {
        UUID org = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        var caller = new GatewayCaller(GatewayCaller.Kind.AGENT, agent.toString(), org, Set.of("tasks:read"), agent);

        JWTClaimsSet claims = verified(issuer.tokenFor(caller));

        assertThat(claims.getSubject()).isEqualTo(agent.toString());
        assertThat(claims.getStringClaim("kind")).isEqualTo("agent");
        assertThat(claims.getStringClaim("org")).isEqualTo(org.toString());
        assertThat(claims.getStringListClaim("scopes")).containsExactly("tasks:read");
        assertThat(claims.getStringClaim("agent_id")).isEqualTo(agent.toString());
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(clock.instant());
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(clock.instant().plusSeconds(60));
    }

    @Test
    void adminTokenOmitsWhatDoesNotApply() throws Exception {
        JWTClaimsSet claims = verified(issuer.tokenFor(ADMIN));

        assertThat(claims.getClaims()).doesNotContainKeys("org", "scopes", "agent_id", "email");
    }

    @Test
    void tokenCarriesAUsersEmail() throws Exception {
        var user = new GatewayCaller(GatewayCaller.Kind.USER, "auth0|ada", null, Set.of(), null, "Ada@Example.com");

        JWTClaimsSet claims = verified(issuer.tokenFor(user));

        assertThat(claims.getStringClaim("kind")).isEqualTo("user");
        assertThat(claims.getSubject()).isEqualTo("auth0|ada");
        assertThat(claims.getStringClaim("email")).isEqualTo("ada@example.com");
    }

    @Test
    void tokenIsReusedWhileMoreThanHalfItsLifeRemains() {
        String first = issuer.tokenFor(ADMIN);

        clock.advance(Duration.ofSeconds(29));
        assertThat(issuer.tokenFor(ADMIN)).isEqualTo(first);

        clock.advance(Duration.ofSeconds(1));
        assertThat(issuer.tokenFor(ADMIN)).isNotEqualTo(first);
    }

    @Test
    void differentCallersGetDifferentTokens() {
        var other = new GatewayCaller(GatewayCaller.Kind.USER, "user-1", null, Set.of(), null);

        assertThat(issuer.tokenFor(ADMIN)).isNotEqualTo(issuer.tokenFor(other));
    }

    private static JWTClaimsSet verified(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) KEYS.getPublic()))).isTrue();
        return jwt.getJWTClaimsSet();
    }

    private static final class SettableClock extends Clock {

        private Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

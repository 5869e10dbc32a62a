package io.missioncontrol.platform.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.missioncontrol.platform.security.InternalKeys;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Internal tokens as the gateway signs them, for tests that call a service directly. One key pair per test JVM;
 * {@link ServiceTestInitializer} gives services its public key.
 */
public final class TestTokens {

    private static final InternalKeys.PemKeyPair KEYS = InternalKeys.generate();

    public static String publicKeyPem() {
        return KEYS.publicKeyPem();
    }

    /** The super-admin, as the gateway vouches for the admin token. */
    public static String admin() {
        return sign(claims("admin", "admin").build());
    }

    /** A person signed in through OIDC, known by subject only. */
    public static String user(String subject) {
        return sign(claims(subject, "user").build());
    }

    /** A person signed in through OIDC whose identity provider vouched for an e-mail address. */
    public static String user(String subject, String email) {
        return sign(claims(subject, "user").claim("email", email).build());
    }

    /** An agent fixed to one organization, with the given scopes. */
    public static String agent(UUID agentId, UUID organizationId, String... scopes) {
        return sign(claims(agentId.toString(), "agent")
                .claim("org", organizationId.toString())
                .claim("agent_id", agentId.toString())
                .claim("scopes", List.of(scopes))
                .build());
    }

    public static JWTClaimsSet.Builder claims(String subject, String kind) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("mission-control-gateway")
                .audience("mission-control")
                .subject(subject)
                .claim("kind", kind)
                .issueTime(Date.from(now))
                // The gateway's tokens live 60 s; tests mint theirs when the test instance is built, which can be long
                // before the first request while a shared context starts on a loaded machine.
                .expirationTime(Date.from(now.plusSeconds(900)))
                .jwtID(UUID.randomUUID().toString());
    }

    public static String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(InternalKeys.privateKeyFromPem(KEYS.privateKeyPem())));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestTokens() {
    }
}

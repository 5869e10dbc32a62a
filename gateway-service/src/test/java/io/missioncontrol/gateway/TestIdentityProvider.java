package io.missioncontrol.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A stand-in OpenID Connect provider: publishes the public half of an RSA key over HTTP, as a JWKS endpoint does, and
 * signs tokens with it. It can be made unavailable to see how the gateway copes.
 */
public final class TestIdentityProvider {

    public static final String ISSUER = "https://idp.test/realms/mission-control";
    public static final String AUDIENCE = "mission-control-api";

    private final RSAKey key = newKey();
    private final DisposableServer server;
    private volatile boolean available = true;

    private TestIdentityProvider() {
        String keySet = new JWKSet(key.toPublicJWK()).toString();
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.get("/jwks", (request, response) -> available
                        ? response.header("Content-Type", "application/json").sendString(Mono.just(keySet)).then()
                        : response.status(503).send()))
                .bindNow();
    }

    public static TestIdentityProvider start() {
        return new TestIdentityProvider();
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + server.port() + "/jwks";
    }

    public void setAvailable(boolean available) {
        this.available = available;
    }

    /** What a provider puts into a person's token, valid for five minutes from now. */
    public static JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString());
    }

    /** A token for the subject, signed with the published key, after the given change to its claims. */
    public String token(String subject, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(key, change.apply(claims(subject)).build());
    }

    public String token(String subject) {
        return token(subject, claims -> claims);
    }

    /** A token with the given {@code typ} header, e.g. {@code at+jwt} for an RFC 9068 access token. */
    public String tokenOfType(String type, String subject) {
        var header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType(type)).keyID(key.getKeyID())
                .build();
        var jwt = new SignedJWT(header, claims(subject).build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** A key the provider has never published. */
    public static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The published key's id with another key behind it: a forgery that names a trusted key. */
    public RSAKey impostorKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            return sign(new RSASSASigner(key), JWSAlgorithm.RS256, key.getKeyID(), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(JWSSigner signer, JWSAlgorithm algorithm, String keyId, JWTClaimsSet claims) {
        var jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(keyId).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}

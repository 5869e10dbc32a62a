package io.missioncontrol.gateway.internaltoken;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.missioncontrol.gateway.auth.GatewayCaller;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Mints the RS256 token that tells a service who is calling.
 *
 * <p>An RSA signature costs about 1.5 ms of CPU, more than the rest of a proxied call, so a caller's token is reused
 * while more than half its lifetime remains: a service never receives a token with less than {@code ttl / 2} left,
 * and the gateway signs once per caller per half-life instead of once per request. {@code jti} therefore names a
 * token, not a request.
 */
final class InternalTokenIssuer {

    /** Bounds the reuse cache; past this many callers it is swept, and cleared if the sweep frees nothing. */
    private static final int MAXIMUM_CACHED_CALLERS = 10_000;

    private final JWSSigner signer;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentMap<GatewayCaller, Minted> recent = new ConcurrentHashMap<>();

    InternalTokenIssuer(RSAPrivateKey key, String issuer, String audience, Duration ttl, Clock clock) {
        if (ttl.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalStateException("mc.internal-token.ttl must be at least 2s, was " + ttl);
        }
        this.signer = new RSASSASigner(key);
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
        this.clock = clock;
    }

    String tokenFor(GatewayCaller caller) {
        Instant now = clock.instant();
        Minted cached = recent.get(caller);
        if (cached != null && cached.reusableAt(now)) {
            return cached.token();
        }
        Minted minted = mint(caller, now.truncatedTo(ChronoUnit.SECONDS));
        if (recent.size() >= MAXIMUM_CACHED_CALLERS) {
            recent.values().removeIf(old -> !old.reusableAt(now));
            if (recent.size() >= MAXIMUM_CACHED_CALLERS) {
                recent.clear();
            }
        }
        recent.put(caller, minted);
        return minted.token();
    }

    private Minted mint(GatewayCaller caller, Instant issuedAt) {
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(caller.subject())
                .claim("kind", caller.kind().wireName())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(ttl)))
                .jwtID(UUID.randomUUID().toString());
        if (caller.organizationId() != null) {
            claims.claim("org", caller.organizationId().toString());
        }
        if (!caller.scopes().isEmpty()) {
            claims.claim("scopes", List.copyOf(caller.scopes()));
        }
        if (caller.agentId() != null) {
            claims.claim("agent_id", caller.agentId().toString());
        }
        if (caller.email() != null) {
            claims.claim("email", caller.email());
        }
        var header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build();
        var jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign the internal token", e);
        }
        return new Minted(jwt.serialize(), issuedAt.plus(ttl.dividedBy(2)));
    }

    private record Minted(String token, Instant reuseUntil) {

        boolean reusableAt(Instant now) {
            return now.isBefore(reuseUntil);
        }
    }
}

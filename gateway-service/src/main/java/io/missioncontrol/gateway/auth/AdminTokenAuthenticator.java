package io.missioncontrol.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import reactor.core.publisher.Mono;

/** Local mode: one long shared token that makes its bearer a super-admin over every organization. */
final class AdminTokenAuthenticator implements BearerTokenAuthenticator {

    private final byte[] expectedDigest;

    AdminTokenAuthenticator(String adminToken) {
        this.expectedDigest = sha256(adminToken);
    }

    @Override
    public Mono<GatewayCaller> authenticate(String token) {
        // Equal-length digests compared in constant time: timing reveals neither the token's content nor its length.
        return MessageDigest.isEqual(expectedDigest, sha256(token)) ? Mono.just(GatewayCaller.admin()) : Mono.empty();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}

package io.missioncontrol.gateway.credentials;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One agent API key as the gateway knows it. Holds the secret's hash, never the secret.
 *
 * @param keyId          the key id, the {@code <key-id>} of {@code mc_<key-id>.<secret>}
 * @param secretHash     {@code AgentKeys.hash} of the secret
 * @param agentId        the agent the key belongs to
 * @param organizationId the agent's organization
 * @param scopes         what the key may do ({@code AgentScopes})
 * @param expiresAt      when the key stops working by itself; null for a key that does not expire
 * @param revoked        whether the key was revoked (for good: a revoked key never works again)
 * @param version        the version of the latest event applied
 */
public record AgentCredential(UUID keyId, String secretHash, UUID agentId, UUID organizationId, Set<String> scopes,
                              @Nullable Instant expiresAt, boolean revoked, long version) {

    public AgentCredential {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(secretHash, "secretHash");
        scopes = Set.copyOf(scopes);
    }

    /** Whether the key may be used at that moment: not revoked and not (yet) expired. */
    public boolean usableAt(Instant now) {
        return !revoked && (expiresAt == null || now.isBefore(expiresAt));
    }

    @Override
    public String toString() {
        // The hash is no secret, but nothing gains from seeing it in a log line.
        return "AgentCredential[keyId=" + keyId + ", agentId=" + agentId + ", organizationId=" + organizationId
                + ", scopes=" + scopes + ", expiresAt=" + expiresAt + ", revoked=" + revoked + ", version=" + version
                + "]";
    }
}

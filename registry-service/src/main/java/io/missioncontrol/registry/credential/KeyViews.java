package io.missioncontrol.registry.credential;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the key API answers. Neither the hash nor the secret appears anywhere but in {@link Issued#key}, once. */
final class KeyViews {

    /**
     * A key just issued (or rotated): {@code key} is the whole {@code mc_<key-id>.<secret>}, shown this one time.
     * {@code replaces_key_id} names the key a rotation revoked, null for a new key.
     */
    record Issued(UUID keyId, UUID agentId, String key, List<String> scopes, Instant expiresAt, Instant createdAt,
                  UUID replacesKeyId) {
    }

    /** A key's metadata: {@code status} is {@code active}, {@code expired} or {@code revoked}. */
    record Metadata(UUID keyId, UUID agentId, List<String> scopes, Instant expiresAt, String status, String createdBy,
                    Instant createdAt, Instant revokedAt, String revokedReason) {

        static Metadata of(AgentKey key, Instant now) {
            return new Metadata(key.id(), key.agentId(), key.scopes(), key.expiresAt(), key.status(now),
                    key.createdBy(), key.createdAt(), key.revokedAt(), key.revokedReason());
        }
    }

    private KeyViews() {
    }
}

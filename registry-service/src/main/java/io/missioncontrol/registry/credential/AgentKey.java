package io.missioncontrol.registry.credential;

import io.missioncontrol.contracts.credential.AgentKeyIssued;
import io.missioncontrol.contracts.credential.AgentKeyRevoked;
import io.missioncontrol.contracts.credential.AgentKeys;
import io.missioncontrol.contracts.credential.AgentScopes;
import io.missioncontrol.registry.agent.AgentRef;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An agent API key: {@code mc_<key-id>.<secret>}, shown once when issued. Only {@link AgentKeys#hash} of the secret
 * is stored and published; the secret itself lives only in the answer to the request that issued it. A key is
 * issued (version 0) and may be revoked once (version 1, with a reason); expiry needs no event, since every checker
 * reads {@code expires_at} from the issuing event.
 */
record AgentKey(UUID id, UUID agentId, UUID organizationId, String secretHash, List<String> scopes, Instant expiresAt,
                String createdBy, Instant createdAt, Instant revokedAt, String revokedReason, long version) {

    static final String REVOKED = "revoked";
    static final String ROTATED = "rotated";

    AgentKey {
        scopes = List.copyOf(scopes);
    }

    /** A key just issued: the row to store, the key to show once, and the event. */
    record Issued(AgentKey key, String plaintext, AgentKeyIssued event) {
    }

    static Issued issue(AgentRef agent, List<String> scopes, Instant expiresAt, String by, Instant now,
                        SecureRandom random) {
        if (agent.retired()) {
            throw KeyProblems.agentRetired(agent.id());
        }
        List<String> granted = scopes(scopes);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw KeyProblems.validationFailed("expires_at", "must be in the future");
        }
        UUID id = UUID.randomUUID();
        String secret = AgentKeys.newSecret(random);
        AgentKey key = new AgentKey(id, agent.id(), agent.organizationId(), AgentKeys.hash(secret), granted, expiresAt,
                by, now, null, null, 0);
        return new Issued(key, AgentKeys.format(id, secret), new AgentKeyIssued(id, agent.id(), agent.organizationId(),
                agent.name(), key.secretHash(), granted, expiresAt, key.version()));
    }

    /** The scopes as the contract words, each once, in the contract's order; an unknown word is a 422. */
    static List<String> scopes(List<String> requested) {
        List<String> unknown = new ArrayList<>();
        for (String scope : requested) {
            if (!AgentScopes.ALL.contains(scope)) {
                unknown.add(String.valueOf(scope));
            }
        }
        if (!unknown.isEmpty()) {
            throw KeyProblems.unknownScopes(unknown);
        }
        return AgentScopes.ALL.stream().filter(requested::contains).toList();
    }

    boolean revoked() {
        return revokedAt != null;
    }

    boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** {@code active}, {@code expired} or {@code revoked}. */
    String status(Instant now) {
        return revoked() ? "revoked" : expired(now) ? "expired" : "active";
    }

    /** Revokes the key; a key already revoked stays as it was (no event): revoking is idempotent. */
    Map.Entry<AgentKey, List<AgentKeyRevoked>> revoke(String agentName, String reason, Instant now) {
        if (revoked()) {
            return Map.entry(this, List.of());
        }
        AgentKey next = new AgentKey(id, agentId, organizationId, secretHash, scopes, expiresAt, createdBy, createdAt,
                now, reason, version + 1);
        return Map.entry(next, List.of(new AgentKeyRevoked(id, agentId, organizationId, agentName, reason,
                next.version())));
    }
}

package io.missioncontrol.gateway.credentials;

import io.missioncontrol.contracts.credential.AgentKeyIssued;
import io.missioncontrol.contracts.credential.AgentKeyRevoked;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's table of agent keys, fed by the credential events. One thread writes (the cache's consumer), request
 * threads read; every entry is an immutable record replaced as a whole.
 *
 * <p>Events may arrive more than once and, across a re-read of the topic, out of their original order, so they are
 * applied by version: an issue older than (or as old as) what the table holds is ignored. A revocation is final: it
 * applies whatever its version, and no issue of the same key id brings the key back (keys are never re-issued; a new
 * key gets a new id). A revocation seen before its key is remembered, so the late issue cannot open the key either.
 */
public final class CredentialTable {

    /** A key id that was revoked before its issue was seen: nothing to check against, only a refusal to remember. */
    private record Entry(@Nullable AgentCredential credential, boolean revoked, long version) {
    }

    private final ConcurrentMap<UUID, Entry> entries = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public void issue(AgentKeyIssued issued) {
        entries.compute(issued.keyId(), (keyId, current) -> {
            if (current != null && (current.revoked() || current.version() >= issued.version())) {
                return current;
            }
            var credential = new AgentCredential(keyId, issued.secretHash(), issued.agentId(),
                    issued.organizationId(), Set.copyOf(issued.scopes()), issued.expiresAt(), false, issued.version());
            return new Entry(credential, false, issued.version());
        });
    }

    public void revoke(AgentKeyRevoked revoked) {
        revoke(revoked.keyId(), revoked.version());
    }

    /** Revokes a key id for good; also for a deleted record (a tombstone), whose key must not keep working. */
    public void revoke(UUID keyId, long version) {
        entries.compute(keyId, (id, current) -> {
            long latest = current == null ? version : Math.max(current.version(), version);
            AgentCredential credential = current == null || current.credential() == null ? null
                    : withRevoked(current.credential(), latest);
            return new Entry(credential, true, latest);
        });
    }

    /** The key with that id, revoked and expired ones included (the caller decides); empty if never issued. */
    public Optional<AgentCredential> find(UUID keyId) {
        Entry entry = entries.get(keyId);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.credential());
    }

    /** Whether the table has caught up with the topic as it was when the gateway started. */
    public boolean isLoaded() {
        return loaded;
    }

    public void markLoaded() {
        loaded = true;
    }

    /** Key ids known, revoked ones included. */
    public int size() {
        return entries.size();
    }

    private static AgentCredential withRevoked(AgentCredential credential, long version) {
        return new AgentCredential(credential.keyId(), credential.secretHash(), credential.agentId(),
                credential.organizationId(), credential.scopes(), credential.expiresAt(), true, version);
    }
}

package io.missioncontrol.contracts.credential;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An agent API key was issued: everything the gateway needs to check {@code mc_<key-id>.<secret>} locally, without
 * asking registry-service. {@code secretHash} is {@link AgentKeys#hash} of the secret, never the secret itself;
 * {@code expiresAt} is null for a key that does not expire. Subject and record key: the key id (the topic is
 * compacted, so the latest event per key is all a new gateway replica needs to read).
 */
public record AgentKeyIssued(UUID keyId, UUID agentId, UUID organizationId, String agentName, String secretHash,
                             List<String> scopes, Instant expiresAt, long version) implements DomainEvent {

    public static final EventType<AgentKeyIssued> TYPE =
            new EventType<>("mc.credential.issued.v1", Topics.CREDENTIALS, "credential", AgentKeyIssued.class);

    public AgentKeyIssued {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    @Override
    public EventType<?> eventType() {
        return TYPE;
    }

    @Override
    public UUID subject() {
        return keyId;
    }

    @Override
    public UUID tenant() {
        return organizationId;
    }

    @Override
    public long aggregateVersion() {
        return version;
    }

    @Override
    public String summary() {
        return "Key " + keyId + " issued for agent \"" + agentName + "\"";
    }
}

package io.missioncontrol.contracts.credential;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/**
 * An agent API key stops working. {@code reason} is {@code revoked}, {@code rotated} or {@code agent_retired}.
 * Subject and record key: the key id.
 */
public record AgentKeyRevoked(UUID keyId, UUID agentId, UUID organizationId, String agentName, String reason,
                              long version) implements DomainEvent {

    public static final EventType<AgentKeyRevoked> TYPE =
            new EventType<>("mc.credential.revoked.v1", Topics.CREDENTIALS, "credential", AgentKeyRevoked.class);

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
        return "Key " + keyId + " of agent \"" + agentName + "\" revoked (" + reason.replace('_', ' ') + ")";
    }
}

package io.missioncontrol.contracts.agent;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * No heartbeat arrived from an online agent for the configured number of intervals ({@code lastSeenAt} is the last
 * one). Published by telemetry-service, consumed by registry-service. Subject: the agent id.
 */
public record AgentWentOffline(UUID agentId, UUID organizationId, Instant lastSeenAt, long version)
        implements DomainEvent {

    public static final EventType<AgentWentOffline> TYPE =
            new EventType<>("mc.agent.offline.v1", Topics.PRESENCE, "agent", AgentWentOffline.class);

    @Override
    public EventType<?> eventType() {
        return TYPE;
    }

    @Override
    public UUID subject() {
        return agentId;
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
        return "Agent " + agentId + " went offline";
    }
}

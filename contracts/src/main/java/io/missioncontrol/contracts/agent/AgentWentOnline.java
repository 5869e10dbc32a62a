package io.missioncontrol.contracts.agent;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * Telemetry saw a heartbeat from an agent it considered offline (or had never seen). Published by telemetry-service,
 * consumed by registry-service. {@code version} counts the agent's presence transitions. Subject: the agent id.
 */
public record AgentWentOnline(UUID agentId, UUID organizationId, Instant lastSeenAt, long version)
        implements DomainEvent {

    public static final EventType<AgentWentOnline> TYPE =
            new EventType<>("mc.agent.online.v1", Topics.PRESENCE, "agent", AgentWentOnline.class);

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
        return "Agent " + agentId + " came online";
    }
}

package io.missioncontrol.telemetry.heartbeat;

import io.missioncontrol.contracts.credential.AgentScopes;
import io.missioncontrol.contracts.telemetry.Heartbeat;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Accepts heartbeats from agents: checks the caller, validates the whole request, and answers only after Kafka holds
 * every heartbeat of it. Nothing here touches the database: the writer stores them from Kafka in batches.
 */
@Service
class HeartbeatIngest {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatIngest.class);

    private final HeartbeatRules rules;
    private final HeartbeatProducer producer;
    private final Clock clock;

    HeartbeatIngest(TelemetryProperties properties, HeartbeatProducer producer, Clock clock) {
        this.rules = new HeartbeatRules(properties);
        this.producer = producer;
        this.clock = clock;
    }

    Mono<List<Heartbeat>> ingest(Caller caller, HeartbeatBody body) {
        UUID agentId = requireTelemetryWriter(caller);
        List<Heartbeat> heartbeats = rules.accept(body, agentId, caller.organizationId(), clock.instant(),
                UUID::randomUUID);
        return producer.send(heartbeats)
                .onErrorMap(e -> !(e instanceof ApiException), e -> {
                    log.warn("Kafka did not acknowledge {} heartbeat(s) of agent {}: {}", heartbeats.size(), agentId,
                            e.toString());
                    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "ingestion_unavailable",
                            "Heartbeats cannot be accepted right now; send them again later");
                })
                .thenReturn(heartbeats);
    }

    /**
     * Only an agent key with {@code telemetry:write} may post heartbeats: a person or the admin token has no agent
     * whose heartbeat it would be (403 {@code forbidden}, not 404: the endpoint is no secret); an agent key without the
     * scope is the platform's 403 {@code insufficient_scope}. The one place this is decided.
     */
    static UUID requireTelemetryWriter(Caller caller) {
        if (caller.kind() != Caller.Kind.AGENT || caller.organizationId() == null) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Only agents send heartbeats");
        }
        caller.requireScope(AgentScopes.TELEMETRY_WRITE);
        try {
            return UUID.fromString(caller.subject());
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Only agents send heartbeats");
        }
    }
}

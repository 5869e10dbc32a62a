package io.missioncontrol.telemetry.watch;

import io.missioncontrol.contracts.credential.AgentScopes;
import io.missioncontrol.contracts.telemetry.Heartbeat;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Watch reports into native heartbeats. The agent's state row is locked while its heartbeat goes to Kafka and saved
 * only after Kafka acknowledged it, so a report Kafka refused (503, the host sends again) does not move the token
 * totals on, and two reports of one agent never count the same tokens twice.
 */
@Service
class WatchReportService {

    private static final Logger log = LoggerFactory.getLogger(WatchReportService.class);

    private final WatchAgentState states;
    private final WatchHeartbeatProducer producer;
    private final TransactionalOperator transactions;
    private final Clock clock;

    WatchReportService(WatchAgentState states, WatchHeartbeatProducer producer, TransactionalOperator transactions,
                       Clock clock) {
        this.states = states;
        this.producer = producer;
        this.transactions = transactions;
        this.clock = clock;
    }

    Mono<Void> status(Caller caller, WatchReports.Status status) {
        UUID agentId = requireReporter(caller);
        validate(status.problems());
        Instant now = clock.instant();
        return states.lock(agentId)
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(found -> {
                    WatchMapping.Counters previous = found.map(WatchAgentState.State::counters).orElse(null);
                    List<Heartbeat.ErrorEntry> pending = found.map(WatchAgentState.State::pending).orElse(List.of());
                    WatchMapping.Counters counters = WatchMapping.counters(status, previous);
                    Heartbeat heartbeat = WatchMapping.heartbeat(UUID.randomUUID(), agentId, caller.organizationId(),
                            now, status, WatchMapping.tokenDelta(previous, counters, status.model()), pending);
                    return send(heartbeat)
                            .then(states.saveStatus(agentId, caller.organizationId(), counters, status));
                })
                .as(transactions::transactional);
    }

    /**
     * An error line travels in a heartbeat that repeats the agent's last status; before any status there is nothing
     * honest to measure, so it waits (stored) for the first status report.
     */
    Mono<Void> error(Caller caller, WatchReports.Error report) {
        UUID agentId = requireReporter(caller);
        validate(report.problems());
        Instant now = clock.instant();
        Heartbeat.ErrorEntry entry = WatchMapping.error(report, now);
        return states.lock(agentId)
                .filter(state -> state.lastStatus() != null)
                .flatMap(state -> send(WatchMapping.heartbeat(UUID.randomUUID(), agentId, caller.organizationId(),
                        now, state.lastStatus(), null, List.of(entry))).thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> states.holdError(agentId, caller.organizationId(), entry)
                        .thenReturn(true)))
                .then()
                .as(transactions::transactional);
    }

    private Mono<Void> send(Heartbeat heartbeat) {
        return producer.send(heartbeat).onErrorMap(e -> !(e instanceof ApiException), e -> {
            log.warn("Kafka did not acknowledge the Watch report of agent {}: {}", heartbeat.agentId(), e.toString());
            return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "ingestion_unavailable",
                    "Reports cannot be accepted right now; send them again later");
        });
    }

    /** Only an agent key with {@code telemetry:write}, as for native heartbeats: the report is that agent's. */
    private static UUID requireReporter(Caller caller) {
        if (caller.kind() != Caller.Kind.AGENT || caller.organizationId() == null) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Only agents send reports");
        }
        caller.requireScope(AgentScopes.TELEMETRY_WRITE);
        try {
            return UUID.fromString(caller.subject());
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Only agents send reports");
        }
    }

    private static void validate(List<Map<String, String>> problems) {
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.valueOf(422), "validation_failed",
                    "The report has invalid fields", Map.of("errors", new ArrayList<>(problems)));
        }
    }
}

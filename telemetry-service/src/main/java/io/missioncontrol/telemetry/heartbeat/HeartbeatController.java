package io.missioncontrol.telemetry.heartbeat;

import io.missioncontrol.contracts.telemetry.Heartbeat;
import io.missioncontrol.platform.security.Caller;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/telemetry/heartbeats}: one heartbeat, or {@code {"heartbeats": [...]}}. 202 once Kafka holds
 * them; 422 {@code validation_failed} listing every bad field (nothing accepted); 503 {@code ingestion_unavailable}
 * when Kafka does not acknowledge within the ingestion timeout.
 */
@RestController
class HeartbeatController {

    private final HeartbeatIngest ingest;

    HeartbeatController(HeartbeatIngest ingest) {
        this.ingest = ingest;
    }

    @PostMapping("/api/telemetry/heartbeats")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Accepted> post(@RequestBody HeartbeatBody body) {
        return Caller.current()
                .flatMap(caller -> ingest.ingest(caller, body))
                .map(Accepted::of);
    }

    record Accepted(int accepted, List<UUID> heartbeatIds) {

        static Accepted of(List<Heartbeat> heartbeats) {
            return new Accepted(heartbeats.size(), heartbeats.stream().map(Heartbeat::heartbeatId).toList());
        }
    }
}

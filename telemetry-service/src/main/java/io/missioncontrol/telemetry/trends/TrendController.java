package io.missioncontrol.telemetry.trends;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.missioncontrol.telemetry.reading.TelemetryAccess;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class TrendController {

    private final TelemetryAccess access;
    private final TrendService trends;
    private final Clock clock;

    TrendController(TelemetryAccess access, TrendService trends, Clock clock) {
        this.access = access;
        this.trends = trends;
        this.clock = clock;
    }

    /** A metric's series for an agent or the whole organization, from the rollups. */
    @GetMapping("/api/telemetry/trends")
    Mono<TrendView> trends(@RequestParam(name = "organization_id", required = false) UUID organizationId,
                           @RequestParam(name = "agent_id", required = false) UUID agentId,
                           @RequestParam(required = false) String metric,
                           @RequestParam(required = false) Instant from,
                           @RequestParam(required = false) Instant to,
                           @RequestParam(required = false) String bucket) {
        return Mono.fromCallable(() -> TrendQuery.of(metric, bucket, from, to, clock.instant()))
                .flatMap(query -> access.read(organizationId, agentId)
                        .flatMap(scope -> trends.series(scope, query)
                                .map(points -> new TrendView(scope.organizationId(), scope.agentId(),
                                        query.metric().name().toLowerCase(Locale.ROOT), query.bucket().wire(),
                                        query.from(), query.to(), points.stream().map(PointView::of).toList()))));
    }

    /** @param from the start of the first bucket (the requested from, rounded down); {@code to} is exclusive */
    record TrendView(UUID organizationId, UUID agentId, String metric, String bucket, Instant from, Instant to,
                     List<PointView> points) {
    }

    /**
     * cpu: {@code avg}/{@code max} percent; memory and disk: used bytes {@code avg}/{@code max} and the largest
     * {@code total_bytes}; network: bytes per second received ({@code rx_*}) and sent ({@code tx_*}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PointView(Instant time, long samples, long agents, Double avg, Double max, Long totalBytes, Double rxAvg,
                     Double rxMax, Double txAvg, Double txMax) {

        static PointView of(TrendService.Point p) {
            return new PointView(p.time(), p.samples(), p.agents(), p.avg(), p.max(), p.totalBytes(), p.rxAvg(),
                    p.rxMax(), p.txAvg(), p.txMax());
        }
    }
}

package io.missioncontrol.telemetry.fleet;

import io.missioncontrol.telemetry.reading.TelemetryAccess;
import io.missioncontrol.telemetry.usage.Pricing;
import io.missioncontrol.telemetry.usage.Pricing.Cost;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class FleetController {

    private final TelemetryAccess access;
    private final FleetService fleet;

    FleetController(TelemetryAccess access, FleetService fleet) {
        this.access = access;
        this.fleet = fleet;
    }

    /** Every agent of the organization with presence, latest measurements, tokens and cost today, latest error. */
    @GetMapping("/api/telemetry/fleet")
    Mono<FleetView> fleet(@RequestParam(name = "organization_id") UUID organizationId) {
        return access.read(organizationId, null)
                .flatMap(scope -> fleet.fleet(scope.organizationId()))
                .map(result -> {
                    List<AgentView> agents = result.agents().stream()
                            .map(row -> AgentView.of(row, result.costToday().getOrDefault(row.agentId(), Cost.NONE)))
                            .toList();
                    int online = (int) agents.stream().filter(AgentView::online).count();
                    return new FleetView(organizationId, new Counts(agents.size(), online, agents.size() - online),
                            result.today(), agents);
                });
    }

    /** @param day the UTC day "today" means */
    record FleetView(UUID organizationId, Counts counts, Instant day, List<AgentView> agents) {
    }

    record Counts(int agents, int online, int offline) {
    }

    /**
     * @param latest      the newest heartbeat's measurements; null once its raw points are past retention
     * @param latestError the newest entry of level error or fatal, within the raw retention
     */
    record AgentView(UUID agentId, String status, boolean online, Instant lastSeenAt, RuntimeView runtime,
                     MetricsView latest, TokensView tokensToday, ErrorView latestError) {

        static AgentView of(FleetService.AgentRow row, Cost cost) {
            var h = row.latest();
            return new AgentView(row.agentId(), row.online() ? "online" : "offline", row.online(), row.lastSeenAt(),
                    h == null ? null : new RuntimeView(h.runtimeStatus(), h.runtimeVersion()),
                    h == null ? null : new MetricsView(h.time(), h.cpuPercent(),
                            new BytesView(h.memoryTotalBytes(), h.memoryUsedBytes()),
                            new BytesView(h.diskTotalBytes(), h.diskUsedBytes()),
                            new NetworkView(h.rxBytesPerSecond(), h.txBytesPerSecond())),
                    new TokensView(row.tokensToday().input(), row.tokensToday().output(), row.tokensToday().cached(),
                            row.tokensToday().total(), Pricing.shown(cost.usd()), cost.priced()),
                    row.latestError() == null ? null : new ErrorView(row.latestError().loggedAt(),
                            row.latestError().level(), row.latestError().message()));
        }
    }

    record RuntimeView(String status, String version) {
    }

    record MetricsView(Instant time, double cpuPercent, BytesView memory, BytesView disk, NetworkView network) {
    }

    record BytesView(long totalBytes, long usedBytes) {
    }

    record NetworkView(double rxBytesPerSecond, double txBytesPerSecond) {
    }

    record TokensView(long inputTokens, long outputTokens, long cachedTokens, long totalTokens, BigDecimal costUsd,
                      boolean priced) {
    }

    record ErrorView(Instant loggedAt, String level, String message) {
    }
}

package io.missioncontrol.telemetry.watch;

import io.missioncontrol.platform.security.Caller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The OpenClaw Watch agent protocol, so a host can point its report URL at Mission Control unchanged. The gateway
 * authenticated the {@code api_key} of the body and removed it. 200 with {@code {"success": true}} once Kafka holds
 * the heartbeat (or, for an error line before any status, once it is stored).
 */
@RestController
class WatchReportController {

    private final WatchReportService reports;

    WatchReportController(WatchReportService reports) {
        this.reports = reports;
    }

    @PostMapping("/api/report/status")
    Mono<Accepted> status(@RequestBody WatchReports.Status status) {
        return Caller.current().flatMap(caller -> reports.status(caller, status)).thenReturn(Accepted.OK);
    }

    @PostMapping("/api/report/error")
    Mono<Accepted> error(@RequestBody WatchReports.Error error) {
        return Caller.current().flatMap(caller -> reports.error(caller, error)).thenReturn(Accepted.OK);
    }

    record Accepted(boolean success) {
        static final Accepted OK = new Accepted(true);
    }
}

package io.missioncontrol.telemetry.watch;

import io.missioncontrol.contracts.telemetry.Heartbeat;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Watch reports onto the native heartbeat: the rules, without I/O.
 *
 * <p>Tokens: Watch sends running totals, the heartbeat carries what was used since the previous one. Watch does not
 * split input and output; {@code context_tokens} counts what went into the model and {@code total_tokens} everything,
 * so the input delta is the context delta and the output delta the rest. A total lower than the last one means the
 * host's runtime restarted and counts from zero again, so the new total is the delta. The first report of an agent has
 * no previous totals: it sets the baseline and counts nothing, since the totals may hold months of usage from before
 * Mission Control watched.
 */
final class WatchMapping {

    static final String UNKNOWN_MODEL = "unknown";

    private WatchMapping() {
    }

    /** The running totals of one agent as last reported. */
    record Counters(long contextTokens, long totalTokens) {
    }

    static Heartbeat.TokenUsage tokenDelta(Counters previous, Counters now, String model) {
        if (previous == null) {
            return null;
        }
        long context = since(previous.contextTokens(), now.contextTokens());
        long total = since(previous.totalTokens(), now.totalTokens());
        if (context == 0 && total == 0) {
            return null;
        }
        return new Heartbeat.TokenUsage(model == null || model.isBlank() ? UNKNOWN_MODEL : model, context,
                Math.max(0, total - context), 0);
    }

    private static long since(long previous, long now) {
        return now >= previous ? now - previous : now;
    }

    static Counters counters(WatchReports.Status status, Counters previous) {
        long context = status.contextTokens() != null ? status.contextTokens()
                : previous == null ? 0 : previous.contextTokens();
        long total = status.totalTokens() != null ? status.totalTokens()
                : previous == null ? 0 : previous.totalTokens();
        return new Counters(context, total);
    }

    /** A status report as one heartbeat measured now (Watch sends no time; PostgreSQL keeps microseconds). */
    static Heartbeat heartbeat(UUID heartbeatId, UUID agentId, UUID organizationId, Instant now,
                               WatchReports.Status status, Heartbeat.TokenUsage tokens,
                               List<Heartbeat.ErrorEntry> errors) {
        Instant time = now.truncatedTo(ChronoUnit.MICROS);
        return new Heartbeat(heartbeatId, agentId, organizationId, time, time,
                new Heartbeat.Runtime(status.openclawStatus(), status.openclawVersion()),
                orZero(status.cpuPercent()),
                new Heartbeat.Usage(orZero(status.memoryTotal()), orZero(status.memoryUsed())),
                new Heartbeat.Usage(orZero(status.diskTotal()), orZero(status.diskUsed())),
                new Heartbeat.Network(orZero(status.downloadSpeed()), orZero(status.uploadSpeed())),
                tokens == null ? List.of() : List.of(tokens), errors);
    }

    /** The error line as a native error entry; Watch's {@code source} prefixes the message, as it has no field. */
    static Heartbeat.ErrorEntry error(WatchReports.Error report, Instant now) {
        String message = report.source() == null || report.source().isBlank() ? report.message()
                : "[" + report.source().strip() + "] " + report.message();
        return new Heartbeat.ErrorEntry(report.level(), message, now.truncatedTo(ChronoUnit.MICROS), null);
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}

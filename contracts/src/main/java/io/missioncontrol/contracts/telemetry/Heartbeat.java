package io.missioncontrol.contracts.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One heartbeat of an agent host as it travels on {@code mc.heartbeats} (plain JSON, snake_case, keyed by agent id):
 * raw telemetry, not a domain event. {@code heartbeatId} is assigned by telemetry-service on receipt; the agent and
 * organization come from the agent's key, never from the body. A consumer stores a heartbeat once per
 * {@code (agentId, time)}, so a redelivered record or a client's retry of the same heartbeat changes nothing.
 *
 * @param time       when the host took the measurement (the agent's clock)
 * @param receivedAt when telemetry-service accepted it (the server's clock; presence is judged by it)
 */
public record Heartbeat(UUID heartbeatId, UUID agentId, UUID organizationId, Instant time, Instant receivedAt,
                        Runtime runtime, double cpuPercent, Usage memory, Usage disk, Network network,
                        List<TokenUsage> tokenUsage, List<ErrorEntry> errors) {

    public Heartbeat {
        tokenUsage = tokenUsage == null ? List.of() : List.copyOf(tokenUsage);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** The agent runtime's state: {@code status} is {@code running} or {@code stopped}. */
    public record Runtime(String status, String version) {
    }

    /** Memory or disk, in bytes. */
    public record Usage(long totalBytes, long usedBytes) {
    }

    /** Network throughput in bytes per second, received and sent. */
    public record Network(double rxBytesPerSecond, double txBytesPerSecond) {
    }

    /** Tokens one model used since the agent's previous heartbeat (deltas, not running totals). */
    public record TokenUsage(String model, long inputTokens, long outputTokens, long cachedTokens) {
    }

    /** A recent error log entry; {@code level} is one of {@code debug info warning error fatal}. */
    public record ErrorEntry(String level, String message, Instant time, String stack) {
    }
}

package io.missioncontrol.telemetry.heartbeat;

import java.time.Instant;
import java.util.List;

/**
 * What an agent posts: one heartbeat, or a batch of them under {@code heartbeats} (and nothing else). Every field is
 * nullable here so that {@link HeartbeatRules} can name each missing one instead of failing on the first.
 */
record HeartbeatBody(Instant time, RuntimeBody runtime, Double cpuPercent, UsageBody memory, UsageBody disk,
                     NetworkBody network, List<TokenUsageBody> tokenUsage, List<ErrorBody> errors,
                     List<HeartbeatBody> heartbeats) {

    boolean isBatch() {
        return heartbeats != null;
    }

    boolean hasHeartbeatFields() {
        return time != null || runtime != null || cpuPercent != null || memory != null || disk != null
                || network != null || tokenUsage != null || errors != null;
    }

    record RuntimeBody(String status, String version) {
    }

    record UsageBody(Long totalBytes, Long usedBytes) {
    }

    record NetworkBody(Double rxBytesPerSecond, Double txBytesPerSecond) {
    }

    record TokenUsageBody(String model, Long inputTokens, Long outputTokens, Long cachedTokens) {
    }

    record ErrorBody(String level, String message, Instant time, String stack) {
    }
}

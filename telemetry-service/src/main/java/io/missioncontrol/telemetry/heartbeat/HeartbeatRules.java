package io.missioncontrol.telemetry.heartbeat;

import io.missioncontrol.contracts.telemetry.Heartbeat;
import io.missioncontrol.platform.web.ApiException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;

/**
 * The checks a heartbeat must pass before it goes to Kafka. A request is refused whole, with every bad field named
 * ({@code heartbeats[3].memory.used_bytes}), so a batch is never half stored. Limits keep one agent from filling the
 * tables (sizes of texts and lists) and keep the rollups meaningful (ranges; times not in the future).
 */
final class HeartbeatRules {

    static final Set<String> RUNTIME_STATUSES = Set.of("running", "stopped");
    static final Set<String> ERROR_LEVELS = Set.of("debug", "info", "warning", "error", "fatal");
    static final int MAX_TOKEN_MODELS = 50;
    static final int MAX_ERRORS = 50;
    static final int MAX_MODEL_LENGTH = 200;
    static final int MAX_VERSION_LENGTH = 100;
    static final int MAX_MESSAGE_LENGTH = 2_000;
    static final int MAX_STACK_LENGTH = 16_000;
    /** 1 EiB: far above any host, far below overflow when summed into rollups. */
    static final long MAX_BYTES = 1L << 60;
    /** Tokens per model per heartbeat. */
    static final long MAX_TOKENS = 1_000_000_000_000L;
    /** 10 TB/s. */
    static final double MAX_BYTES_PER_SECOND = 1e13;

    private final TelemetryProperties limits;

    HeartbeatRules(TelemetryProperties limits) {
        this.limits = limits;
    }

    /**
     * The heartbeats of a request, each with a fresh id, or an {@link ApiException} ({@code validation_failed}) naming
     * every invalid field.
     */
    List<Heartbeat> accept(HeartbeatBody body, UUID agentId, UUID organizationId, Instant now,
                           Supplier<UUID> ids) {
        List<Map<String, String>> errors = new ArrayList<>();
        List<HeartbeatBody> items;
        String prefix;
        if (body.isBatch()) {
            items = body.heartbeats();
            if (body.hasHeartbeatFields()) {
                errors.add(error("heartbeats", "a batch carries only the heartbeats field"));
            }
            if (items.isEmpty() || items.size() > limits.maxBatch()) {
                errors.add(error("heartbeats", "must hold between 1 and " + limits.maxBatch() + " heartbeats"));
            }
            prefix = "heartbeats";
        } else {
            items = List.of(body);
            prefix = null;
        }
        Set<Instant> times = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = prefix == null ? "" : prefix + "[" + i + "].";
            HeartbeatBody item = items.get(i);
            if (item == null) {
                errors.add(error(prefix + "[" + i + "]", "must not be null"));
                continue;
            }
            if (item.heartbeats() != null) {
                errors.add(error(path + "heartbeats", "batches do not nest"));
            }
            check(item, path, now, errors);
            if (item.time() != null && !times.add(item.time().truncatedTo(ChronoUnit.MICROS))) {
                errors.add(error(path + "time", "another heartbeat of this batch has the same time"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed",
                    "The heartbeat has invalid fields; nothing was accepted", Map.of("errors", errors));
        }
        return items.stream().map(item -> heartbeat(item, ids.get(), agentId, organizationId, now)).toList();
    }

    private void check(HeartbeatBody h, String path, Instant now, List<Map<String, String>> errors) {
        time(h.time(), path + "time", now, true, errors);
        if (h.runtime() == null) {
            errors.add(error(path + "runtime", "is required"));
        } else {
            if (h.runtime().status() == null || !RUNTIME_STATUSES.contains(h.runtime().status())) {
                errors.add(error(path + "runtime.status", "must be one of running, stopped"));
            }
            if (h.runtime().version() != null
                    && (h.runtime().version().isBlank() || h.runtime().version().length() > MAX_VERSION_LENGTH)) {
                errors.add(error(path + "runtime.version", "must be 1 to " + MAX_VERSION_LENGTH + " characters"));
            }
        }
        number(h.cpuPercent(), path + "cpu_percent", 100, errors);
        usage(h.memory(), path + "memory", errors);
        usage(h.disk(), path + "disk", errors);
        if (h.network() == null) {
            errors.add(error(path + "network", "is required"));
        } else {
            number(h.network().rxBytesPerSecond(), path + "network.rx_bytes_per_second", MAX_BYTES_PER_SECOND, errors);
            number(h.network().txBytesPerSecond(), path + "network.tx_bytes_per_second", MAX_BYTES_PER_SECOND, errors);
        }
        if (h.tokenUsage() != null) {
            if (h.tokenUsage().size() > MAX_TOKEN_MODELS) {
                errors.add(error(path + "token_usage", "must hold at most " + MAX_TOKEN_MODELS + " models"));
            }
            Set<String> models = new HashSet<>();
            for (int i = 0; i < h.tokenUsage().size(); i++) {
                String at = path + "token_usage[" + i + "]";
                var usage = h.tokenUsage().get(i);
                if (usage == null) {
                    errors.add(error(at, "must not be null"));
                    continue;
                }
                if (usage.model() == null || usage.model().isBlank() || usage.model().length() > MAX_MODEL_LENGTH) {
                    errors.add(error(at + ".model", "must be 1 to " + MAX_MODEL_LENGTH + " characters"));
                } else if (!models.add(usage.model())) {
                    errors.add(error(at + ".model", "is reported twice in this heartbeat"));
                }
                count(usage.inputTokens(), at + ".input_tokens", MAX_TOKENS, errors);
                count(usage.outputTokens(), at + ".output_tokens", MAX_TOKENS, errors);
                count(usage.cachedTokens(), at + ".cached_tokens", MAX_TOKENS, errors);
            }
        }
        if (h.errors() != null) {
            if (h.errors().size() > MAX_ERRORS) {
                errors.add(error(path + "errors", "must hold at most " + MAX_ERRORS + " entries"));
            }
            for (int i = 0; i < h.errors().size(); i++) {
                String at = path + "errors[" + i + "]";
                var entry = h.errors().get(i);
                if (entry == null) {
                    errors.add(error(at, "must not be null"));
                    continue;
                }
                if (entry.level() == null || !ERROR_LEVELS.contains(entry.level())) {
                    errors.add(error(at + ".level", "must be one of debug, info, warning, error, fatal"));
                }
                if (entry.message() == null || entry.message().isBlank()
                        || entry.message().length() > MAX_MESSAGE_LENGTH) {
                    errors.add(error(at + ".message", "must be 1 to " + MAX_MESSAGE_LENGTH + " characters"));
                }
                time(entry.time(), at + ".time", now, false, errors);
                if (entry.stack() != null && entry.stack().length() > MAX_STACK_LENGTH) {
                    errors.add(error(at + ".stack", "must be at most " + MAX_STACK_LENGTH + " characters"));
                }
            }
        }
    }

    /** A heartbeat's own time must be recent; an error entry's may be older (it is what the log says). */
    private void time(Instant time, String field, Instant now, boolean recent, List<Map<String, String>> errors) {
        if (time == null) {
            errors.add(error(field, "is required"));
        } else if (time.isAfter(now.plus(limits.maxClockSkew()))) {
            errors.add(error(field, "must not be more than " + limits.maxClockSkew().toSeconds()
                    + " s in the future"));
        } else if (recent && time.isBefore(now.minus(limits.maxAge()))) {
            errors.add(error(field, "must not be older than " + limits.maxAge().toHours() + " h"));
        }
    }

    private static void usage(HeartbeatBody.UsageBody usage, String field, List<Map<String, String>> errors) {
        if (usage == null) {
            errors.add(error(field, "is required"));
            return;
        }
        count(usage.totalBytes(), field + ".total_bytes", MAX_BYTES, errors);
        count(usage.usedBytes(), field + ".used_bytes", MAX_BYTES, errors);
        if (usage.totalBytes() != null && usage.usedBytes() != null && usage.usedBytes() > usage.totalBytes()) {
            errors.add(error(field + ".used_bytes", "must not exceed total_bytes"));
        }
    }

    private static void number(Double value, String field, double max, List<Map<String, String>> errors) {
        if (value == null) {
            errors.add(error(field, "is required"));
        } else if (!Double.isFinite(value) || value < 0 || value > max) {
            errors.add(error(field, "must be between 0 and " + (max == 100 ? "100" : String.format("%.0e", max))));
        }
    }

    private static void count(Long value, String field, long max, List<Map<String, String>> errors) {
        if (value == null) {
            errors.add(error(field, "is required"));
        } else if (value < 0 || value > max) {
            errors.add(error(field, "must be between 0 and " + max));
        }
    }

    private static Heartbeat heartbeat(HeartbeatBody h, UUID id, UUID agentId, UUID organizationId, Instant now) {
        // PostgreSQL keeps microseconds: a finer time would be stored as another instant than the one sent.
        return new Heartbeat(id, agentId, organizationId, h.time().truncatedTo(ChronoUnit.MICROS), now,
                new Heartbeat.Runtime(h.runtime().status(), h.runtime().version()),
                h.cpuPercent(),
                new Heartbeat.Usage(h.memory().totalBytes(), h.memory().usedBytes()),
                new Heartbeat.Usage(h.disk().totalBytes(), h.disk().usedBytes()),
                new Heartbeat.Network(h.network().rxBytesPerSecond(), h.network().txBytesPerSecond()),
                h.tokenUsage() == null ? List.of() : h.tokenUsage().stream()
                        .map(t -> new Heartbeat.TokenUsage(t.model(), t.inputTokens(), t.outputTokens(), t.cachedTokens()))
                        .toList(),
                h.errors() == null ? List.of() : h.errors().stream()
                        .map(e -> new Heartbeat.ErrorEntry(e.level(), e.message(), e.time(), e.stack()))
                        .toList());
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}

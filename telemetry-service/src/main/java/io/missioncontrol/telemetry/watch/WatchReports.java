package io.missioncontrol.telemetry.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenClaw Watch agent's two reports, as it sends them (ARCHITECTURE §4a). The gateway has already taken
 * {@code api_key} out and authenticated it. Every field is nullable so validation can name each bad one.
 */
final class WatchReports {

    static final Set<String> RUNTIME_STATUSES = Set.of("running", "stopped");
    static final Set<String> LEVELS = Set.of("debug", "info", "warning", "error", "fatal");
    static final int MAX_MESSAGE = 500;

    private WatchReports() {
    }

    /** {@code POST /api/report/status}, every 30 s by default; token counts are running totals of the host. */
    record Status(String openclawVersion, String openclawStatus, String runtime, String model, String thinking,
                  Double cpuPercent, Double memoryPercent, Long memoryTotal, Long memoryUsed, Double diskPercent,
                  Long diskTotal, Long diskUsed, Double uploadSpeed, Double downloadSpeed, String publicIp,
                  Long contextTokens, Long totalTokens) {

        List<Map<String, String>> problems() {
            List<Map<String, String>> problems = new ArrayList<>();
            if (openclawStatus == null || !RUNTIME_STATUSES.contains(openclawStatus)) {
                problems.add(problem("openclaw_status", "must be running or stopped"));
            }
            percent(problems, "cpu_percent", cpuPercent);
            notNegative(problems, "memory_total", memoryTotal);
            notNegative(problems, "memory_used", memoryUsed);
            notNegative(problems, "disk_total", diskTotal);
            notNegative(problems, "disk_used", diskUsed);
            notNegative(problems, "upload_speed", uploadSpeed);
            notNegative(problems, "download_speed", downloadSpeed);
            notNegative(problems, "context_tokens", contextTokens);
            notNegative(problems, "total_tokens", totalTokens);
            return problems;
        }
    }

    /** {@code POST /api/report/error}: one log line of the host's agent runtime. */
    record Error(String level, String message, String source) {

        List<Map<String, String>> problems() {
            List<Map<String, String>> problems = new ArrayList<>();
            if (level == null || !LEVELS.contains(level)) {
                problems.add(problem("level", "must be one of debug, info, warning, error, fatal"));
            }
            if (message == null || message.isBlank()) {
                problems.add(problem("message", "is required"));
            } else if (message.length() > MAX_MESSAGE) {
                problems.add(problem("message", "must have at most " + MAX_MESSAGE + " characters"));
            }
            return problems;
        }
    }

    private static void percent(List<Map<String, String>> problems, String field, Double value) {
        if (value != null && (value.isNaN() || value < 0 || value > 100)) {
            problems.add(problem(field, "must be between 0 and 100"));
        }
    }

    private static void notNegative(List<Map<String, String>> problems, String field, Number value) {
        if (value != null && (Double.isNaN(value.doubleValue()) || value.doubleValue() < 0)) {
            problems.add(problem(field, "must not be negative"));
        }
    }

    private static Map<String, String> problem(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}

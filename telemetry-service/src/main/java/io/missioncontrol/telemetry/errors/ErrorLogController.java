package io.missioncontrol.telemetry.errors;

import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import io.missioncontrol.telemetry.reading.TelemetryAccess;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Error log entries an agent sent with its heartbeats, newest first by the time the agent logged them, for an agent
 * or a whole organization; kept as long as raw points ({@code mc.telemetry.raw-retention}).
 */
@RestController
class ErrorLogController {

    static final Set<String> LEVELS = Set.of("debug", "info", "warning", "error", "fatal");

    private final TelemetryAccess access;
    private final DatabaseClient db;

    ErrorLogController(TelemetryAccess access, DatabaseClient db) {
        this.access = access;
        this.db = db;
    }

    /** {@code level} is one level or several, comma-separated ({@code error,fatal}); {@code from} inclusive, {@code to} exclusive. */
    @GetMapping("/api/telemetry/errors")
    Mono<Page<ErrorView>> errors(@RequestParam(name = "organization_id", required = false) UUID organizationId,
                                 @RequestParam(name = "agent_id", required = false) UUID agentId,
                                 @RequestParam(required = false) String level,
                                 @RequestParam(required = false) Instant from,
                                 @RequestParam(required = false) Instant to,
                                 @RequestParam(required = false) Integer limit,
                                 @RequestParam(required = false) String cursor) {
        int size = Page.limit(limit);
        ErrorCursor after = ErrorCursor.decode(cursor);
        String[] levels = levels(level);
        if (from != null && to != null && !from.isBefore(to)) {
            return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_range",
                    "from must be before to", Map.of("from", from.toString(), "to", to.toString())));
        }
        return access.read(organizationId, agentId).flatMap(scope -> {
            StringBuilder sql = new StringBuilder("""
                    SELECT agent_id, heartbeat_time, position, logged_at, level, message, stack FROM agent_error
                    WHERE organization_id = :organizationId""");
            if (scope.isAgent()) {
                sql.append(" AND agent_id = :agentId");
            }
            if (levels != null) {
                sql.append(" AND level = ANY(CAST(:levels AS TEXT[]))");
            }
            if (from != null) {
                sql.append(" AND logged_at >= :from");
            }
            if (to != null) {
                sql.append(" AND logged_at < :to");
            }
            if (after != null) {
                sql.append(" AND (logged_at, agent_id, heartbeat_time, position)"
                        + " < (:afterLoggedAt, :afterAgent, :afterHeartbeat, :afterPosition)");
            }
            sql.append(" ORDER BY logged_at DESC, agent_id DESC, heartbeat_time DESC, position DESC LIMIT :limit");
            var spec = db.sql(sql.toString()).bind("organizationId", scope.organizationId()).bind("limit", size + 1);
            if (scope.isAgent()) {
                spec = spec.bind("agentId", scope.agentId());
            }
            if (levels != null) {
                spec = spec.bind("levels", levels);
            }
            if (from != null) {
                spec = spec.bind("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            }
            if (to != null) {
                spec = spec.bind("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            }
            if (after != null) {
                spec = spec.bind("afterLoggedAt", OffsetDateTime.ofInstant(after.loggedAt(), ZoneOffset.UTC))
                        .bind("afterAgent", after.agentId())
                        .bind("afterHeartbeat", OffsetDateTime.ofInstant(after.heartbeatTime(), ZoneOffset.UTC))
                        .bind("afterPosition", after.position());
            }
            return spec.map(row -> new ErrorView(row.get("agent_id", UUID.class),
                            row.get("logged_at", OffsetDateTime.class).toInstant(), row.get("level", String.class),
                            row.get("message", String.class), row.get("stack", String.class),
                            row.get("heartbeat_time", OffsetDateTime.class).toInstant(),
                            row.get("position", Integer.class)))
                    .all()
                    .collectList()
                    .map(rows -> rows.size() <= size ? new Page<>(rows, null)
                            : new Page<>(List.copyOf(rows.subList(0, size)), rows.get(size - 1).cursor().encode()));
        });
    }

    private static String[] levels(String level) {
        if (level == null || level.isBlank()) {
            return null;
        }
        String[] levels = Arrays.stream(level.split(",")).map(String::strip).map(l -> l.toLowerCase(Locale.ROOT))
                .distinct().toArray(String[]::new);
        for (String l : levels) {
            if (!LEVELS.contains(l)) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter",
                        "level is one or more of debug, info, warning, error, fatal",
                        Map.of("errors", List.of(Map.of("field", "level", "message",
                                "must be debug, info, warning, error or fatal"))));
            }
        }
        return levels;
    }

    /**
     * @param heartbeatTime the heartbeat that carried the entry; with {@code position} it identifies the entry
     */
    record ErrorView(UUID agentId, Instant loggedAt, String level, String message, String stack,
                     Instant heartbeatTime, int position) {

        ErrorCursor cursor() {
            return new ErrorCursor(loggedAt, agentId, heartbeatTime, position);
        }
    }
}

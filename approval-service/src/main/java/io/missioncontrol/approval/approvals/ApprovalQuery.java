package io.missioncontrol.approval.approvals;

import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A page of the approvals of some organizations: pending first, then newest first, with optional filters. The cursor is the
 * position of the last row shown in that order (pending or not, creation time, id), opaque to clients.
 */
record ApprovalQuery(List<UUID> organizations, ApprovalStatus status, UUID boardId, UUID taskId, String requestedBy,
                     String action, Position after, int limit) {

    record Position(boolean pending, Instant createdAt, UUID id) {

        static final Position FIRST = new Position(true, Instant.parse("9999-12-31T23:59:59Z"), new UUID(-1L, -1L));

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ((pending ? "p" : "s") + "|" + createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return FIRST;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                        .split("\\|", 3);
                if (!parts[0].equals("p") && !parts[0].equals("s")) {
                    throw new IllegalArgumentException(parts[0]);
                }
                return new Position(parts[0].equals("p"), Instant.parse(parts[1]), UUID.fromString(parts[2]));
            } catch (RuntimeException e) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_cursor",
                        "The cursor is not one this API gave out");
            }
        }
    }

    DatabaseClient.GenericExecuteSpec sql(DatabaseClient db) {
        StringBuilder sql = new StringBuilder("SELECT * FROM approval a WHERE a.organization_id = ANY(:organizations)");
        if (status != null) {
            sql.append(" AND a.status = :status");
        }
        if (boardId != null) {
            sql.append(" AND a.board_id = :board");
        }
        if (taskId != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM approval_task t WHERE t.approval_id = a.id AND t.task_id = :task)");
        }
        if (requestedBy != null) {
            sql.append(" AND a.requested_by = :requestedBy");
        }
        if (action != null) {
            sql.append(" AND a.action = :action");
        }
        sql.append(" AND ((a.status = 'pending'), a.created_at, a.id) < (:afterPending, :afterTime, :afterId)")
                .append(" ORDER BY (a.status = 'pending') DESC, a.created_at DESC, a.id DESC LIMIT :limit");
        var spec = db.sql(sql.toString())
                .bind("organizations", organizations.toArray(UUID[]::new))
                .bind("afterPending", after.pending())
                .bind("afterTime", after.createdAt())
                .bind("afterId", after.id())
                .bind("limit", limit + 1);
        if (status != null) {
            spec = spec.bind("status", status.wire());
        }
        if (boardId != null) {
            spec = spec.bind("board", boardId);
        }
        if (taskId != null) {
            spec = spec.bind("task", taskId);
        }
        if (requestedBy != null) {
            spec = spec.bind("requestedBy", requestedBy);
        }
        if (action != null) {
            spec = spec.bind("action", action);
        }
        return spec;
    }

    /** The page of up to {@code limit + 1} rows read in list order. */
    Page<ApprovalView> page(List<ApprovalView> rows) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        ApprovalView last = rows.get(limit - 1);
        return new Page<>(List.copyOf(rows.subList(0, limit)),
                new Position(last.pending(), last.createdAt(), last.id()).encode());
    }
}

package io.missioncontrol.task.board;

import io.missioncontrol.contracts.board.BoardArchived;
import io.missioncontrol.contracts.board.BoardDeleted;
import io.missioncontrol.contracts.board.BoardGroupArchived;
import io.missioncontrol.contracts.board.BoardGroupDeleted;
import io.missioncontrol.contracts.board.BoardGroupUpdated;
import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.tenancy.Role;
import io.missioncontrol.platform.tenancy.TenantAccess;
import io.missioncontrol.task.tasks.TaskService;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The end of boards and board groups, and a group's edits (decision 0011). Deleting archives by default: the rows
 * stay (with {@code archived_at}), the API stops showing them and their tasks, and the timeline keeps its meaning.
 * A purge (owner only) destroys them. Either way a container with live content is refused unless the caller asks
 * for the cascade, so nobody loses a board of work to a mistyped id.
 *
 * <p>Locks: the group's row, then its boards' rows in id order, then (purge) the tasks. Archived rows are written
 * with SQL rather than the entities, which do not carry {@code archived_at}: reads never need it, they only
 * filter on it.
 */
@Service
class BoardLifecycle {

    private final TenantAccess access;
    private final Outbox outbox;
    private final Clock clock;
    private final DatabaseClient db;
    private final TaskService tasks;

    BoardLifecycle(TenantAccess access, Outbox outbox, Clock clock, DatabaseClient db, TaskService tasks) {
        this.access = access;
        this.outbox = outbox;
        this.clock = clock;
        this.db = db;
        this.tasks = tasks;
    }

    /** A group's name and description; {@code description} is applied only when {@code descriptionGiven}. */
    @Transactional
    Mono<BoardGroup> updateGroup(UUID id, String name, boolean descriptionGiven, String description) {
        return lockGroup(id)
                .flatMap(group -> access.requireRole(group.organizationId(), Role.ADMIN, "board_group", id)
                        .flatMap(caller -> {
                            String newName = name == null ? group.name() : name;
                            String newDescription = descriptionGiven ? description : group.description();
                            if (newName.equals(group.name()) && Objects.equals(newDescription, group.description())) {
                                return Mono.just(group);
                            }
                            Instant now = clock.instant();
                            BoardGroup next = new BoardGroup(group.id(), group.organizationId(), newName,
                                    newDescription, group.createdBy(), group.createdAt(), now, group.version() + 1);
                            DatabaseClient.GenericExecuteSpec spec = db.sql("""
                                    UPDATE board_group SET name = :name, description = :description,
                                           updated_at = :now, version = :version WHERE id = :id""")
                                    .bind("id", id).bind("name", newName).bind("now", now)
                                    .bind("version", next.version());
                            spec = newDescription == null ? spec.bindNull("description", String.class)
                                    : spec.bind("description", newDescription);
                            return spec.then()
                                    .then(outbox.append(new BoardGroupUpdated(id, group.organizationId(), newName,
                                            newDescription, next.version())))
                                    .thenReturn(next);
                        }));
    }

    @Transactional
    Mono<Void> deleteBoard(UUID id, boolean cascade, boolean purge) {
        return lockBoard(id)
                .flatMap(board -> access.requireRole(board.organizationId(), purge ? Role.OWNER : Role.ADMIN, "board", id)
                        .flatMap(caller -> count("SELECT count(*) FROM task WHERE board_id = :id", id)
                                .flatMap(taskCount -> {
                                    if (taskCount > 0 && !cascade) {
                                        return Mono.error(notEmpty("board_not_empty", "Board " + id + " has "
                                                + taskCount + " task(s); repeat with ?cascade=true to delete them with it",
                                                Map.of("task_count", taskCount)));
                                    }
                                    Instant now = clock.instant();
                                    return purge ? purgeBoard(board, taskCount, caller.subject(), now)
                                            : archiveBoard(board, taskCount, caller.subject(), now);
                                })));
    }

    @Transactional
    Mono<Void> deleteGroup(UUID id, boolean cascade, boolean purge) {
        return lockGroup(id)
                .flatMap(group -> access.requireRole(group.organizationId(), purge ? Role.OWNER : Role.ADMIN,
                                "board_group", id)
                        // A purge takes the boards archived earlier along too; the consent asked for is about live ones.
                        .flatMap(caller -> lockBoardsOf(id, purge).collectList().flatMap(boards -> {
                            long live = boards.stream().filter(board -> !board.archived()).count();
                            if (live > 0 && !cascade) {
                                return Mono.error(notEmpty("board_group_not_empty", "Board group " + id + " has "
                                        + live + " board(s); repeat with ?cascade=true to delete them with it",
                                        Map.of("board_count", live)));
                            }
                            Instant now = clock.instant();
                            long version = group.version() + 1;
                            Mono<Void> each = Flux.fromIterable(boards)
                                    .concatMap(locked -> count("SELECT count(*) FROM task WHERE board_id = :id",
                                                    locked.board().id())
                                            .flatMap(taskCount -> purge
                                                    ? purgeBoard(locked.board(), taskCount, caller.subject(), now)
                                                    : archiveBoard(locked.board(), taskCount, caller.subject(), now)))
                                    .then();
                            if (purge) {
                                return each
                                        .then(db.sql("DELETE FROM board_group WHERE id = :id").bind("id", id).then())
                                        .then(outbox.append(new BoardGroupDeleted(id, group.organizationId(),
                                                group.name(), boards.size(), version)));
                            }
                            return each
                                    .then(db.sql("""
                                            UPDATE board_group SET archived_at = :now, updated_at = :now,
                                                   version = :version WHERE id = :id""")
                                            .bind("id", id).bind("now", now).bind("version", version).then())
                                    .then(outbox.append(new BoardGroupArchived(id, group.organizationId(),
                                            group.name(), live, version)));
                        })));
    }

    private Mono<Void> archiveBoard(Board board, long taskCount, String by, Instant now) {
        long version = board.version() + 1;
        return tasks.releaseDependentsOf(board.id(), "dependency archived with board " + board.id(), by, now)
                .then(db.sql("UPDATE board SET archived_at = :now, updated_at = :now, version = :version WHERE id = :id")
                .bind("id", board.id()).bind("now", now).bind("version", version)
                .then())
                .then(outbox.append(new BoardArchived(board.id(), board.boardGroupId(), board.organizationId(),
                        board.name(), taskCount, version)));
    }

    /**
     * Destroys the board and its tasks. Their dependency edges and tags go with them (foreign keys cascade); tasks on
     * other boards that depended on them lose those edges first, each with its event (decision 0011).
     */
    private Mono<Void> purgeBoard(Board board, long taskCount, String by, Instant now) {
        return tasks.releaseDependentsOf(board.id(), "dependency deleted with board " + board.id(), by, now)
                .then(db.sql("DELETE FROM task WHERE board_id = :id").bind("id", board.id()).then())
                .then(db.sql("DELETE FROM board WHERE id = :id").bind("id", board.id()).then())
                .then(outbox.append(new BoardDeleted(board.id(), board.boardGroupId(), board.organizationId(),
                        board.name(), taskCount, board.version() + 1)));
    }

    private Mono<Board> lockBoard(UUID id) {
        return db.sql("SELECT * FROM board WHERE id = :id AND archived_at IS NULL FOR UPDATE")
                .bind("id", id)
                .map((row, meta) -> board(row))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("board", id)));
    }

    /** A board of a group being deleted, and whether it had been archived already. */
    private record Locked(Board board, boolean archived) {
    }

    private Flux<Locked> lockBoardsOf(UUID groupId, boolean includeArchived) {
        return db.sql("SELECT * FROM board WHERE board_group_id = :id"
                        + (includeArchived ? "" : " AND archived_at IS NULL") + " ORDER BY id FOR UPDATE")
                .bind("id", groupId)
                .map((row, meta) -> new Locked(board(row), row.get("archived_at", Instant.class) != null))
                .all();
    }

    private Mono<BoardGroup> lockGroup(UUID id) {
        return db.sql("SELECT * FROM board_group WHERE id = :id AND archived_at IS NULL FOR UPDATE")
                .bind("id", id)
                .map((row, meta) -> new BoardGroup(row.get("id", UUID.class), row.get("organization_id", UUID.class),
                        row.get("name", String.class), row.get("description", String.class),
                        row.get("created_by", String.class), row.get("created_at", Instant.class),
                        row.get("updated_at", Instant.class), row.get("version", Long.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("board_group", id)));
    }

    /** The columns are read by name, so adding a board column never shifts this mapping. */
    private static Board board(io.r2dbc.spi.Row row) {
        return new Board(row.get("id", UUID.class), row.get("organization_id", UUID.class),
                row.get("board_group_id", UUID.class), row.get("name", String.class),
                row.get("description", String.class),
                row.get("require_approval_for_done", Boolean.class),
                row.get("require_review_before_done", Boolean.class),
                row.get("comment_required_for_review", Boolean.class),
                row.get("block_status_changes_with_pending_approval", Boolean.class),
                row.get("only_lead_can_change_status", Boolean.class),
                row.get("lead_agent_id", UUID.class), row.get("max_agents", Integer.class),
                row.get("created_by", String.class),
                row.get("created_at", Instant.class), row.get("updated_at", Instant.class),
                row.get("version", Long.class));
    }

    private Mono<Long> count(String sql, UUID id) {
        return db.sql(sql).bind("id", id).map((row, meta) -> row.get(0, Long.class)).one();
    }

    private static ApiException notEmpty(String code, String detail, Map<String, Object> facts) {
        return new ApiException(HttpStatus.CONFLICT, code, detail, facts);
    }
}

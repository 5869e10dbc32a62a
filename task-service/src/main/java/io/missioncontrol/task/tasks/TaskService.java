package io.missioncontrol.task.tasks;

import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import io.missioncontrol.task.access.TenantAccess;
import io.missioncontrol.task.board.Board;
import io.missioncontrol.task.board.BoardService;
import io.missioncontrol.task.organization.OrganizationService;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

@Service
public class TaskService {

    private final TaskRepository tasks;
    private final BoardService boards;
    private final TenantAccess access;
    private final Outbox outbox;
    private final Clock clock;

    TaskService(TaskRepository tasks, BoardService boards, TenantAccess access, Outbox outbox, Clock clock) {
        this.clock = clock;
        this.tasks = tasks;
        this.boards = boards;
        this.access = access;
        this.outbox = outbox;
    }

    @Transactional
    Mono<Task> create(UUID boardId, String title, String description, TaskStatus status, TaskPriority priority,
                      UUID assignedAgentId) {
        return boards.getBoard(boardId)
                .flatMap(board -> access.requireWrite(board.organizationId(), "board", boardId)
                        .flatMap(caller -> tasks.save(Task.create(board.organizationId(), boardId, title, description,
                                status, priority, assignedAgentId, caller.subject(), clock.instant()))))
                .onErrorMap(e -> e instanceof ApiException api && "not_found".equals(api.code()),
                        e -> OrganizationService.unknownReference("board_id", "board", boardId))
                .flatMap(saved -> outbox.append(saved.created()).thenReturn(saved));
    }

    Mono<Task> get(UUID id) {
        return tasks.findById(id)
                .flatMap(task -> access.requireRead(task.organizationId(), "task", id).thenReturn(task))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("task", id)));
    }

    Mono<Page<Task>> list(UUID organizationId, UUID boardId, TaskStatus status, int limit, Page.Cursor after) {
        return access.requireRead(organizationId, "organization", organizationId)
                .flatMap(caller -> tasks.findPage(organizationId, boardId, status == null ? null : status.wire(),
                        after.time(), after.id(), limit + 1).collectList())
                .map(rows -> Page.of(rows, limit, row -> new Page.Cursor(row.createdAt(), row.id())));
    }

    /** The newest tasks of a board the caller has already been allowed to read. */
    public Mono<Page<TaskView>> firstPageOfBoard(Board board) {
        return tasks.findPage(board.organizationId(), board.id(), null, Page.Cursor.FIRST.time(),
                        Page.Cursor.FIRST.id(), Page.MAX_LIMIT + 1)
                .collectList()
                .map(rows -> Page.of(rows, Page.MAX_LIMIT, row -> new Page.Cursor(row.createdAt(), row.id())))
                .map(page -> new Page<>(page.items().stream().map(TaskView::of).toList(), page.nextCursor()));
    }
}

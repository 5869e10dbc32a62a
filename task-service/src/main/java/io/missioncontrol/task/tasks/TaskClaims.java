package io.missioncontrol.task.tasks;

import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.tenancy.TenantAccess;
import io.missioncontrol.task.agents.KnownAgents;
import io.missioncontrol.task.board.BoardService;
import io.missioncontrol.task.tasks.Task.Change;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * Agents pulling work: a claim assigns the board's next ready task to the calling agent, atomically. The assignment
 * is the same {@link Task#assign} transition a person's PATCH makes, with the same {@code mc.task.assigned.v1}
 * event, written in the claim's transaction.
 */
@Service
public class TaskClaims {

    private final BoardService boards;
    private final TenantAccess access;
    private final KnownAgents agents;
    private final TaskStore store;
    private final TaskService tasks;
    private final java.time.Clock clock;

    TaskClaims(BoardService boards, TenantAccess access, KnownAgents agents, TaskStore store, TaskService tasks,
               java.time.Clock clock) {
        this.boards = boards;
        this.access = access;
        this.agents = agents;
        this.store = store;
        this.tasks = tasks;
        this.clock = clock;
    }

    /**
     * Assigns the board's next claimable task ({@link TaskStore#lockClaimable}) to the calling agent and returns it;
     * 404 {@code no_task_available} when there is none, 403 {@code forbidden} for a caller that is not an agent, and
     * the assignment rule's refusals for an agent the registry has not announced or has retired.
     */
    @Transactional
    public Mono<TaskView> claim(UUID boardId) {
        return boards.getBoardToWrite(boardId)
                .flatMap(board -> access.requireWrite(board.organizationId(), "board", boardId)
                        .flatMap(caller -> {
                            if (!AgentLimits.isAgent(caller)) {
                                return Mono.error(new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                                        "Only agents claim tasks; people assign them"));
                            }
                            UUID agent = UUID.fromString(caller.subject());
                            return agents.requireAssignable(board.organizationId(), agent)
                                    .then(store.lockClaimable(boardId))
                                    .switchIfEmpty(Mono.error(() -> noTaskAvailable(boardId)))
                                    .flatMap(task -> assign(task, agent, caller));
                        }));
    }

    private Mono<TaskView> assign(Task task, UUID agent, Caller caller) {
        Change change = task.assign(agent, caller.subject(), clock.instant());
        return store.update(change.task(), task.version())
                .then(tasks.append(change.events()))
                .then(tasks.view(change.task()));
    }

    static ApiException noTaskAvailable(UUID boardId) {
        return new ApiException(HttpStatus.NOT_FOUND, "no_task_available",
                "Board " + boardId + " has no unassigned todo task whose dependencies are done",
                Map.of("board_id", boardId.toString()));
    }
}

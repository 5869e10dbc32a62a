package io.missioncontrol.task.tasks;

import io.missioncontrol.contracts.credential.AgentScopes;
import io.missioncontrol.contracts.execution.TaskExecutionRequested;
import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.tenancy.TenantAccess;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.task.agents.KnownAgents;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * Asking for a task to be run by its assigned agent on a runtime: task-service only records the request
 * ({@code mc.task-execution.requested.v1}); registry-service picks the runtime and reports the outcome on
 * {@code mc.executions}. The task itself does not change, so neither does its version.
 */
@Service
class TaskExecutions {

    private final TaskRepository tasks;
    private final TenantAccess access;
    private final KnownAgents agents;
    private final Outbox outbox;

    TaskExecutions(TaskRepository tasks, TenantAccess access, KnownAgents agents, Outbox outbox) {
        this.tasks = tasks;
        this.access = access;
        this.agents = agents;
        this.outbox = outbox;
    }

    /**
     * Appends the request and answers its execution id. Members and up may ask, and the task's own agent when its key
     * has {@code tasks:write}; the task must be assigned (409 {@code task_unassigned}). The runtime must have the
     * capabilities the registry announced for the agent.
     */
    @Transactional
    Mono<UUID> execute(UUID id) {
        return tasks.findLive(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("task", id)))
                .flatMap(task -> access.requireWrite(task.organizationId(), "task", id)
                        .flatMap(caller -> {
                            checkAgent(caller, task);
                            if (task.assignedAgentId() == null) {
                                return Mono.error(ApiException.conflict("task_unassigned", "Task " + id
                                        + " has no assigned agent to run it; assign one first"));
                            }
                            UUID execution = UUID.randomUUID();
                            return agents.capabilities(task.assignedAgentId())
                                    .flatMap(capabilities -> outbox.append(new TaskExecutionRequested(execution,
                                            task.id(), task.organizationId(), task.boardId(), task.assignedAgentId(),
                                            task.title(), capabilities, null, 1)))
                                    .thenReturn(execution);
                        }));
    }

    private static void checkAgent(Caller caller, Task task) {
        if (!AgentLimits.isAgent(caller)) {
            return;
        }
        AgentLimits.checkOwn(caller, task);
        if (!caller.scopes().contains(AgentScopes.TASKS_WRITE)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Running a task needs the scope "
                    + AgentScopes.TASKS_WRITE, Map.of("required_scope", AgentScopes.TASKS_WRITE));
        }
    }
}

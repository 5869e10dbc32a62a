package io.missioncontrol.registry.dispatch;

import io.missioncontrol.contracts.execution.TaskExecutionDispatched;
import io.missioncontrol.contracts.execution.TaskExecutionFailed;
import io.missioncontrol.contracts.execution.TaskExecutionRequested;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One request to run a task on a runtime, as registry-service dispatches it: {@code requested} until a runtime
 * accepted it ({@code dispatched}) or none could ({@code failed}, with a reason code). Decided once: a decided
 * execution never changes again. {@code version} follows the contract: 1 when requested, 2 when decided.
 *
 * @param targetRuntimeId the runtime the execution was asked of ({@code POST /api/gateways/{id}/execute}); null when
 *                        dispatch chooses
 * @param parameters      the caller's parameters for the runtime, a JSON object's text, or null
 */
record Execution(UUID id, UUID organizationId, UUID taskId, UUID boardId, UUID agentId, String title,
                 List<String> requiredCapabilities, UUID approvalId, String status, UUID runtimeId,
                 String runtimeName, String reason, String detail, Instant createdAt, Instant updatedAt,
                 long version, UUID targetRuntimeId, String parameters) {

    static final String REQUESTED = "requested";
    static final String DISPATCHED = "dispatched";
    static final String FAILED = "failed";

    /** No healthy runtime of the organization has the capabilities. */
    static final String NO_RUNTIME_AVAILABLE = "no_runtime_available";
    /** Capable runtimes exist, but none accepted the request (down, slow, 5xx, open breaker). */
    static final String RUNTIME_UNAVAILABLE = "runtime_unavailable";
    /** Every capable runtime answered, and refused (4xx). */
    static final String RUNTIME_REJECTED = "runtime_rejected";
    /** The agent is unknown to the registry (or of another organization), paused or retired, or there is none. */
    static final String AGENT_NOT_DISPATCHABLE = "agent_not_dispatchable";

    Execution {
        requiredCapabilities = requiredCapabilities == null ? List.of() : List.copyOf(requiredCapabilities);
    }

    static Execution requested(TaskExecutionRequested request, Instant now) {
        return new Execution(request.executionId(), request.organizationId(), request.taskId(), request.boardId(),
                request.agentId(), request.title(), request.requiredCapabilities(), request.approvalId(), REQUESTED,
                null, null, null, null, now, now, request.version(), null, null);
    }

    /** An execution asked of one runtime; its request event is {@link #request()}. */
    static Execution onRuntime(UUID id, UUID organizationId, UUID taskId, UUID boardId, UUID agentId, String title,
                               List<String> requiredCapabilities, UUID runtimeId, String parameters, Instant now) {
        return new Execution(id, organizationId, taskId, boardId, agentId, title, requiredCapabilities, null,
                REQUESTED, null, null, null, null, now, now, 1, runtimeId, parameters);
    }

    TaskExecutionRequested request() {
        return new TaskExecutionRequested(id, taskId, organizationId, boardId, agentId, title, requiredCapabilities,
                approvalId, 1);
    }

    boolean decided() {
        return !REQUESTED.equals(status);
    }

    Decision dispatched(UUID runtime, String name, Instant now) {
        Execution next = new Execution(id, organizationId, taskId, boardId, agentId, title, requiredCapabilities,
                approvalId, DISPATCHED, runtime, name, null, null, createdAt, now, 2, targetRuntimeId, parameters);
        return new Decision(next, new TaskExecutionDispatched(id, taskId, organizationId, agentId, runtime, name, 2));
    }

    Decision failed(String reasonCode, String why, Instant now) {
        Execution next = new Execution(id, organizationId, taskId, boardId, agentId, title, requiredCapabilities,
                approvalId, FAILED, null, null, reasonCode, why, createdAt, now, 2, targetRuntimeId, parameters);
        return new Decision(next, new TaskExecutionFailed(id, taskId, organizationId, agentId, reasonCode, why, 2));
    }

    record Decision(Execution execution, io.missioncontrol.contracts.DomainEvent event) {
    }
}

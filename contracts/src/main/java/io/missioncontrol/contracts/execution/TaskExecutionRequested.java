package io.missioncontrol.contracts.execution;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.List;
import java.util.UUID;

/**
 * Someone asked for a task to be run by its assigned agent on a runtime: task-service
 * ({@code POST /api/tasks/{id}/execute}) or the approval service (an approved request with
 * {@code execute_on_approval}; then {@code approvalId} is set, otherwise it is null). registry-service dispatches it.
 * Subject: the execution id; {@code version} is 1.
 */
public record TaskExecutionRequested(UUID executionId, UUID taskId, UUID organizationId, UUID boardId, UUID agentId,
                                     String title, List<String> requiredCapabilities, UUID approvalId, long version)
        implements DomainEvent {

    public static final EventType<TaskExecutionRequested> TYPE =
            new EventType<>(
                "mc.task-execution.requested.v1", Topics.EXECUTIONS, "task-execution", TaskExecutionRequested.class);

    public TaskExecutionRequested {
        requiredCapabilities = requiredCapabilities == null ? List.of() : List.copyOf(requiredCapabilities);
    }

    @Override
    public EventType<?> eventType() {
        return TYPE;
    }

    @Override
    public UUID subject() {
        return executionId;
    }

    @Override
    public UUID tenant() {
        return organizationId;
    }

    @Override
    public long aggregateVersion() {
        return version;
    }

    @Override
    public String summary() {
        return "Execution of \"" + title + "\" requested";
    }
}

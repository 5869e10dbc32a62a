package io.missioncontrol.contracts.execution;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/**
 * An execution request could not be dispatched (published by registry-service). {@code reason} is a stable code such
 * as {@code no_runtime_available}, {@code runtime_unavailable}, {@code runtime_rejected} or
 * {@code agent_not_dispatchable}; {@code detail} says more for people. Subject: the execution id; {@code version} is 2.
 */
public record TaskExecutionFailed(UUID executionId, UUID taskId, UUID organizationId, UUID agentId, String reason,
                                  String detail, long version) implements DomainEvent {

    public static final EventType<TaskExecutionFailed> TYPE =
            new EventType<>(
                "mc.task-execution.failed.v1", Topics.EXECUTIONS, "task-execution", TaskExecutionFailed.class);

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
        return "Execution of task " + taskId + " failed: " + reason.replace('_', ' ');
    }
}

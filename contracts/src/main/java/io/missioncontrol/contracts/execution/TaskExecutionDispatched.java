package io.missioncontrol.contracts.execution;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** A runtime accepted an execution request (published by registry-service). Subject: the execution id; {@code version} is 2. */
public record TaskExecutionDispatched(UUID executionId, UUID taskId, UUID organizationId, UUID agentId,
                                      UUID runtimeId, String runtimeName, long version) implements DomainEvent {

    public static final EventType<TaskExecutionDispatched> TYPE =
            new EventType<>(
                "mc.task-execution.dispatched.v1", Topics.EXECUTIONS, "task-execution", TaskExecutionDispatched.class);

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
        return "Execution of task " + taskId + " dispatched to runtime \"" + runtimeName + "\"";
    }
}

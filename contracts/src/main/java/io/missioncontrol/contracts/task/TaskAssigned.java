package io.missioncontrol.contracts.task;

import io.missioncontrol.contracts.BoardScoped;
import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** A task was assigned to an agent, handed to another, or unassigned ({@code assigned_agent_id} null). */
public record TaskAssigned(UUID taskId, UUID boardId, UUID organizationId, String title, UUID assignedAgentId,
                           UUID previousAgentId, long version) implements DomainEvent, BoardScoped {

    public static final EventType<TaskAssigned> TYPE =
            new EventType<>("mc.task.assigned.v1", Topics.TASKS, "task", TaskAssigned.class);

    @Override
    public EventType<?> eventType() {
        return TYPE;
    }

    @Override
    public UUID subject() {
        return taskId;
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
        return assignedAgentId == null
                ? "Task \"" + title + "\" unassigned"
                : "Task \"" + title + "\" assigned to agent " + assignedAgentId;
    }
}

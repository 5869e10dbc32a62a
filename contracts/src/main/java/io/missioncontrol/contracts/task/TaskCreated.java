package io.missioncontrol.contracts.task;

import io.missioncontrol.contracts.BoardScoped;
import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** A task was created on a board. {@code status} and {@code priority} are the API's lower-case words. */
public record TaskCreated(UUID taskId, UUID boardId, UUID organizationId, String title, String description,
                          String status, String priority, UUID assignedAgentId, long version)
        implements DomainEvent, BoardScoped {

    public static final EventType<TaskCreated> TYPE =
            new EventType<>("mc.task.created.v1", Topics.TASKS, "task", TaskCreated.class);

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
        return "Task \"" + title + "\" created (" + status + ", " + priority + " priority)";
    }
}

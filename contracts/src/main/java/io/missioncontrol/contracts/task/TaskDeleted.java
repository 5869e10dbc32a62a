package io.missioncontrol.contracts.task;

import io.missioncontrol.contracts.BoardScoped;
import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/**
 * A task was deleted (for good: the API no longer knows it). Tasks that depended on it lose that dependency, each
 * announced with {@code mc.task.dependency-removed.v1}.
 */
public record TaskDeleted(UUID taskId, UUID boardId, UUID organizationId, String title, long version) implements DomainEvent, BoardScoped {

    public static final EventType<TaskDeleted> TYPE =
            new EventType<>("mc.task.deleted.v1", Topics.TASKS, "task", TaskDeleted.class);

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
        return "Task \"" + title + "\" deleted";
    }
}

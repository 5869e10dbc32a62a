package io.missioncontrol.contracts.task;

import io.missioncontrol.contracts.BoardScoped;
import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/**
 * A task no longer depends on another. {@code reason} is null when someone changed the dependencies, and
 * {@code dependency <id> deleted} when the dependency itself was deleted.
 */
public record TaskDependencyRemoved(UUID taskId, UUID boardId, UUID dependencyId, UUID organizationId, String title,
                                    String dependencyTitle, String reason, long version) implements DomainEvent, BoardScoped {

    public static final EventType<TaskDependencyRemoved> TYPE =
            new EventType<>("mc.task.dependency-removed.v1", Topics.TASKS, "task", TaskDependencyRemoved.class);

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
        return "Task \"" + title + "\" no longer depends on \"" + dependencyTitle + "\""
                + (reason == null ? "" : ": " + reason);
    }
}

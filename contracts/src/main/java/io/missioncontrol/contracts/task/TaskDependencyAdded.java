package io.missioncontrol.contracts.task;

import io.missioncontrol.contracts.BoardScoped;
import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** A task now depends on another task of its organization: it cannot start before that one is done. */
public record TaskDependencyAdded(UUID taskId, UUID boardId, UUID dependencyId, UUID organizationId, String title,
                                  String dependencyTitle, long version) implements DomainEvent, BoardScoped {

    public static final EventType<TaskDependencyAdded> TYPE =
            new EventType<>("mc.task.dependency-added.v1", Topics.TASKS, "task", TaskDependencyAdded.class);

    @Override
    public EventType<?> eventType() {
        return TYPE;
    }

    /** The dependent task: the dependency is part of its state, and its version counts the change. */
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
        return "Task \"" + title + "\" now depends on \"" + dependencyTitle + "\"";
    }
}

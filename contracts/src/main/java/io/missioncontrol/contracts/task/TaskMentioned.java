package io.missioncontrol.contracts.task;

import io.missioncontrol.contracts.BoardScoped;
import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.List;
import java.util.UUID;

/**
 * A comment on a task mentions an agent or a member, one event per mention, so that the one mentioned can be
 * notified without reading every comment. {@code version} is the task's, unchanged (see {@link TaskCommented}).
 */
public record TaskMentioned(UUID taskId, UUID boardId, UUID organizationId, String title, UUID commentId, String author,
                            String mentionType, UUID mentionId, long version) implements DomainEvent, BoardScoped {

    public static final EventType<TaskMentioned> TYPE =
            new EventType<>("mc.task.mentioned.v1", Topics.TASKS, "task", TaskMentioned.class);

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
        return "Task \"" + title + "\": " + author + " mentioned " + mentionType + " " + mentionId;
    }
}

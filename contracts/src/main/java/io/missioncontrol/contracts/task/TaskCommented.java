package io.missioncontrol.contracts.task;

import io.missioncontrol.contracts.BoardScoped;
import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.List;
import java.util.UUID;

/**
 * Someone commented on a task. Comments do not change the task: {@code version} is the task's version when the
 * comment was written, so several comment events may carry the same version. A consumer must not drop one as "not
 * newer" than what it holds; comments are immutable and identified by {@code comment_id}.
 */
public record TaskCommented(UUID taskId, UUID boardId, UUID organizationId, String title, UUID commentId, String author,
                            String excerpt, List<Mention> mentions, long version) implements DomainEvent, BoardScoped {

    public static final EventType<TaskCommented> TYPE =
            new EventType<>("mc.task.commented.v1", Topics.TASKS, "task", TaskCommented.class);

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
        return "Comment on task \"" + title + "\" by " + author;
    }
}

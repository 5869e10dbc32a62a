package io.missioncontrol.contracts.task;

import io.missioncontrol.contracts.BoardScoped;
import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/**
 * A task moved from one status to another. {@code reason} is null when someone moved it directly, and says why
 * when the service moved it as a consequence of another change (e.g. {@code dependency <id> reopened}).
 */
public record TaskStatusChanged(UUID taskId, UUID boardId, UUID organizationId, String title, String from, String to,
                                String reason, long version) implements DomainEvent, BoardScoped {

    public static final EventType<TaskStatusChanged> TYPE =
            new EventType<>("mc.task.status-changed.v1", Topics.TASKS, "task", TaskStatusChanged.class);

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
        return "Task \"" + title + "\" moved from " + from + " to " + to + (reason == null ? "" : ": " + reason);
    }
}

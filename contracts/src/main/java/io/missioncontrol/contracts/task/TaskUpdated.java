package io.missioncontrol.contracts.task;

import io.missioncontrol.contracts.BoardScoped;
import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A task's own fields changed: title, description, priority or due date. The event carries all four as they are
 * after the change (so a read model needs no earlier state) and names the ones that changed in
 * {@code changed_fields}. Status and assignment have their own events.
 */
public record TaskUpdated(UUID taskId, UUID boardId, UUID organizationId, String title, String description,
                          String priority, Instant dueDate, List<String> changedFields, long version) implements DomainEvent, BoardScoped {

    public static final EventType<TaskUpdated> TYPE =
            new EventType<>("mc.task.updated.v1", Topics.TASKS, "task", TaskUpdated.class);

    public TaskUpdated {
        changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
    }

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
        return "Task \"" + title + "\" updated (" + String.join(", ", changedFields) + ")";
    }
}

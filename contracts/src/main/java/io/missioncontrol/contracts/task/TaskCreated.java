package io.missioncontrol.contracts.task;

import io.missioncontrol.contracts.BoardScoped;
import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A task was created on a board. {@code status} and {@code priority} are the API's lower-case words. A task created
 * with dependencies announces them here, not with {@code mc.task.dependency-added.v1} events: one creation, one event.
 * {@code due_date} and {@code dependencies} were added after the first release of this type; readers that do not know
 * them ignore them, so the type stays {@code v1}.
 */
public record TaskCreated(UUID taskId, UUID boardId, UUID organizationId, String title, String description,
                          String status, String priority, UUID assignedAgentId, Instant dueDate,
                          List<UUID> dependencies, long version) implements DomainEvent, BoardScoped {

    public static final EventType<TaskCreated> TYPE =
            new EventType<>("mc.task.created.v1", Topics.TASKS, "task", TaskCreated.class);

    public TaskCreated {
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }

    /** The first shape of this event, without due date and dependencies: kept so that its producers still compile. */
    public TaskCreated(UUID taskId, UUID boardId, UUID organizationId, String title, String description, String status,
                       String priority, UUID assignedAgentId, long version) {
        this(taskId, boardId, organizationId, title, description, status, priority, assignedAgentId, null, List.of(),
                version);
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
        return "Task \"" + title + "\" created (" + status + ", " + priority + " priority)";
    }
}

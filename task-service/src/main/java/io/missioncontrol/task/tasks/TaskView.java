package io.missioncontrol.task.tasks;

import java.time.Instant;
import java.util.UUID;

/** A task as the API shows it. */
public record TaskView(UUID id, UUID organizationId, UUID boardId, String title, String description,
                       TaskStatus status, TaskPriority priority, UUID assignedAgentId, String createdBy,
                       Instant createdAt, Instant updatedAt, long version) {

    static TaskView of(Task task) {
        return new TaskView(task.id(), task.organizationId(), task.boardId(), task.title(), task.description(),
                TaskStatus.fromWire(task.status()), TaskPriority.fromWire(task.priority()), task.assignedAgentId(),
                task.createdBy(), task.createdAt(), task.updatedAt(), task.version());
    }
}

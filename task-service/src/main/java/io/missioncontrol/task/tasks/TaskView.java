package io.missioncontrol.task.tasks;

import io.missioncontrol.task.tags.TagRef;
import io.missioncontrol.task.tasks.Task.Dependency;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A task as the API shows it. {@code dependencies} are the tasks it waits for; {@code blocked_by} those of them that
 * are not done yet (empty when the task may start); {@code approval_state} is {@code none}, {@code pending},
 * {@code approved} or {@code rejected} (board governance, decision 0010).
 */
public record TaskView(UUID id, UUID organizationId, UUID boardId, String title, String description,
                       TaskStatus status, TaskPriority priority, UUID assignedAgentId, Instant dueDate,
                       List<UUID> dependencies, List<UUID> blockedBy, List<TagRef> tags, String createdBy, Instant createdAt,
                       String approvalState, String updatedBy, Instant updatedAt, long version) {

    static TaskView of(Task task, List<Dependency> dependencies, List<TagRef> tags, String approvalState) {
        return new TaskView(task.id(), task.organizationId(), task.boardId(), task.title(), task.description(),
                task.state(), task.rank(), task.assignedAgentId(), task.dueDate(),
                dependencies.stream().map(Dependency::id).toList(),
                dependencies.stream().filter(dependency -> !dependency.done()).map(Dependency::id).toList(), tags,
                task.createdBy(), task.createdAt(), approvalState, task.updatedBy(), task.updatedAt(), task.version());
    }
}

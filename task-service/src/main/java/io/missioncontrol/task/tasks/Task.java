package io.missioncontrol.task.tasks;

import io.missioncontrol.contracts.task.TaskCreated;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** A unit of work on a board. Status and priority are stored as the API's words. */
@Table("task")
record Task(@Id UUID id, UUID organizationId, UUID boardId, String title, String description, String status,
            String priority, UUID assignedAgentId, String createdBy, Instant createdAt, Instant updatedAt,
            @Version Long version) {

    static Task create(UUID organizationId, UUID boardId, String title, String description, TaskStatus status,
                       TaskPriority priority, UUID assignedAgentId, String createdBy, Instant now) {
        return new Task(UUID.randomUUID(), organizationId, boardId, title, description, status.wire(),
                priority.wire(), assignedAgentId, createdBy, now, now, null);
    }

    TaskCreated created() {
        return new TaskCreated(id, boardId, organizationId, title, description, status, priority, assignedAgentId,
                version);
    }
}

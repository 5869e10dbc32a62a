package io.missioncontrol.approval.tasks;

import java.util.UUID;

/** What the approval service knows of a task, from task-service's events. */
public record KnownTask(UUID id, UUID organizationId, UUID boardId, String title, String status, UUID assignedAgentId,
                        boolean deleted, long version) {
}

package io.missioncontrol.registry.agent;

import java.util.UUID;

/** A task as the registry knows it from task-service's events ({@code task_ref}); deleted tasks are not known. */
public record KnownTask(UUID id, UUID organizationId, UUID boardId, String title, String status,
                        UUID assignedAgentId) {
}

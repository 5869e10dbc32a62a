package io.missioncontrol.task.tasks;

import io.missioncontrol.task.tasks.Task.Dependency;
import java.time.Instant;
import java.util.UUID;

/** Tasks in a given state for the rule tests: as they would be read back from the database. */
final class Tasks {

    static final UUID ORGANIZATION = UUID.fromString("0e9d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b");
    static final UUID BOARD = UUID.fromString("7c0a4f4e-9a3b-4a39-8c56-5d2e0d1f2a33");
    static final Instant CREATED = Instant.parse("2026-11-20T09:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    static Task inStatus(TaskStatus status) {
        return new Task(UUID.randomUUID(), ORGANIZATION, BOARD, "Ship it", "Before Friday", status.wire(),
                TaskPriority.MEDIUM.wire(), null, null, "admin", CREATED, "admin", CREATED, 4L);
    }

    static Dependency dependency(TaskStatus status) {
        return new Dependency(UUID.randomUUID(), "Build " + status.wire(), status);
    }

    private Tasks() {
    }
}

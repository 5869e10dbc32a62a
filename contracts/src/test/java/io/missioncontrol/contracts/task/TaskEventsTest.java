package io.missioncontrol.contracts.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskEventsTest {

    private static final UUID TASK = UUID.fromString("5b7e1c1e-3a52-4d4e-9a0c-1f1f2b7c9d10");
    private static final UUID OTHER = UUID.fromString("9d2f6a51-0c3e-4b8e-a1d7-3e5f7a9b1c2d");

    @Test
    void summarizesEveryLifecycleEventForPeople() {
        assertThat(new TaskUpdated(TASK, OTHER, OTHER, "Ship", null, "high", null, List.of("title", "due_date"), 3)
                .summary()).isEqualTo("Task \"Ship\" updated (title, due_date)");
        assertThat(new TaskStatusChanged(TASK, OTHER, OTHER, "Ship", "todo", "in_progress", null, 4).summary())
                .isEqualTo("Task \"Ship\" moved from todo to in_progress");
        assertThat(new TaskStatusChanged(TASK, OTHER, OTHER, "Ship", "review", "todo", "dependency " + OTHER
                + " reopened", 5).summary())
                .isEqualTo("Task \"Ship\" moved from review to todo: dependency " + OTHER + " reopened");
        assertThat(new TaskAssigned(TASK, OTHER, OTHER, "Ship", OTHER, null, 6).summary())
                .isEqualTo("Task \"Ship\" assigned to agent " + OTHER);
        assertThat(new TaskAssigned(TASK, OTHER, OTHER, "Ship", null, OTHER, 7).summary())
                .isEqualTo("Task \"Ship\" unassigned");
        assertThat(new TaskDependencyAdded(TASK, OTHER, OTHER, OTHER, "Ship", "Build", 8).summary())
                .isEqualTo("Task \"Ship\" now depends on \"Build\"");
        assertThat(new TaskDependencyRemoved(TASK, OTHER, OTHER, OTHER, "Ship", "Build", null, 9).summary())
                .isEqualTo("Task \"Ship\" no longer depends on \"Build\"");
        assertThat(new TaskDependencyRemoved(TASK, OTHER, OTHER, OTHER, "Ship", "Build", "dependency " + OTHER + " deleted",
                9).summary()).endsWith(": dependency " + OTHER + " deleted");
        assertThat(new TaskDeleted(TASK, OTHER, OTHER, "Ship", 10).summary()).isEqualTo("Task \"Ship\" deleted");
    }

    @Test
    void everyEventIsAboutTheTaskItChanges() {
        var added = new TaskDependencyAdded(TASK, OTHER, OTHER, OTHER, "Ship", "Build", 8);
        assertThat(added.subject()).isEqualTo(TASK);
        assertThat(added.tenant()).isEqualTo(OTHER);
        assertThat(added.aggregateVersion()).isEqualTo(8);
    }

    @Test
    void creationKeepsItsFirstShapeForOlderProducers() {
        var created = new TaskCreated(TASK, OTHER, OTHER, "Ship", null, "todo", "low", null, 0);
        assertThat(created.dependencies()).isEmpty();
        assertThat(created.dueDate()).isNull();
        var full = new TaskCreated(TASK, OTHER, OTHER, "Ship", null, "todo", "low", null,
                Instant.parse("2026-12-01T17:00:00Z"), List.of(OTHER), 0);
        assertThat(full.dependencies()).containsExactly(OTHER);
    }
}

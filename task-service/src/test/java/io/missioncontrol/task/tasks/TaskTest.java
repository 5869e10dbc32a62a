package io.missioncontrol.task.tasks;

import static io.missioncontrol.task.tasks.Tasks.BOARD;
import static io.missioncontrol.task.tasks.Tasks.NOW;
import static io.missioncontrol.task.tasks.Tasks.ORGANIZATION;
import static io.missioncontrol.task.tasks.Tasks.dependency;
import static io.missioncontrol.task.tasks.Tasks.inStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.task.TaskAssigned;
import io.missioncontrol.contracts.task.TaskCreated;
import io.missioncontrol.contracts.task.TaskDependencyAdded;
import io.missioncontrol.contracts.task.TaskDependencyRemoved;
import io.missioncontrol.contracts.task.TaskStatusChanged;
import io.missioncontrol.contracts.task.TaskUpdated;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.task.tasks.TaskPatch.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TaskTest {

    private static final Instant DUE = Instant.parse("2026-12-01T17:00:00Z");
    private static final UUID AGENT = UUID.fromString("3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f607");

    @Test
    void aPatchIsOneEventPerKindOfChangeEachWithItsOwnVersion() {
        Task task = inStatus(TaskStatus.TODO);
        var patch = new TaskPatch(new Field<>("Ship it now"), null, new Field<>(TaskStatus.IN_PROGRESS),
                new Field<>(TaskPriority.CRITICAL), new Field<>(AGENT), new Field<>(DUE));

        Task.Change change = task.edit(patch, List.of(dependency(TaskStatus.DONE)), "agent-7", NOW);

        assertThat(change.events()).extracting(DomainEvent::aggregateVersion).containsExactly(5L, 6L, 7L);
        assertThat(change.events().get(0)).isEqualTo(new TaskUpdated(task.id(), BOARD, ORGANIZATION, "Ship it now",
                "Before Friday", "critical", DUE, List.of("title", "priority", "due_date"), 5));
        assertThat(change.events().get(1)).isEqualTo(new TaskAssigned(task.id(), BOARD, ORGANIZATION, "Ship it now",
                AGENT, null, 6));
        assertThat(change.events().get(2)).isEqualTo(new TaskStatusChanged(task.id(), BOARD, ORGANIZATION,
                "Ship it now", "todo", "in_progress", null, 7));
        Task after = change.task();
        assertThat(after.version()).isEqualTo(7L);
        assertThat(after.title()).isEqualTo("Ship it now");
        assertThat(after.description()).as("absent: unchanged").isEqualTo("Before Friday");
        assertThat(after.assignedAgentId()).isEqualTo(AGENT);
        assertThat(after.dueDate()).isEqualTo(DUE);
        assertThat(after.updatedBy()).isEqualTo("agent-7");
        assertThat(after.updatedAt()).isEqualTo(NOW);
        assertThat(after.createdBy()).isEqualTo("admin");
    }

    @Test
    void anExplicitNullClearsWhatMayBeEmpty() {
        Task task = inStatus(TaskStatus.TODO).edit(new TaskPatch(null, null, null, null, new Field<>(AGENT),
                new Field<>(DUE)), List.of(), "admin", NOW).task();

        Task.Change change = task.edit(new TaskPatch(null, new Field<>(null), null, null, new Field<>(null),
                new Field<>(null)), List.of(), "admin", NOW);

        assertThat(change.task().description()).isNull();
        assertThat(change.task().assignedAgentId()).isNull();
        assertThat(change.task().dueDate()).isNull();
        assertThat(((TaskUpdated) change.events().get(0)).changedFields()).containsExactly("description", "due_date");
        assertThat(change.events().get(1)).isEqualTo(new TaskAssigned(task.id(), BOARD, ORGANIZATION, "Ship it",
                null, AGENT, task.version() + 2));
    }

    @Test
    void aPatchThatRepeatsTheCurrentValuesChangesNothing() {
        Task task = inStatus(TaskStatus.REVIEW);
        var same = new TaskPatch(new Field<>("Ship it"), new Field<>("Before Friday"), new Field<>(TaskStatus.REVIEW),
                new Field<>(TaskPriority.MEDIUM), new Field<>(null), new Field<>(null));

        assertThat(task.edit(same, List.of(), "admin", NOW).isEmpty()).isTrue();
        assertThat(task.edit(TaskPatch.EMPTY, List.of(), "admin", NOW).task()).isSameAs(task);
    }

    @Test
    void aRefusedTransitionRefusesTheWholePatch() {
        Task task = inStatus(TaskStatus.TODO);
        var patch = new TaskPatch(new Field<>("Renamed"), null, new Field<>(TaskStatus.DONE), null, null, null);

        assertThatThrownBy(() -> task.edit(patch, List.of(), "admin", NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("illegal_transition"));
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"IN_PROGRESS", "REVIEW"})
    void aReopenedDependencySendsWorkInProgressOrReviewBackToTodo(TaskStatus status) {
        Task dependent = inStatus(status);
        UUID reopened = UUID.randomUUID();

        Task.Change change = dependent.dependencyReopened(reopened, "admin", NOW);

        assertThat(change.task().state()).isEqualTo(TaskStatus.TODO);
        assertThat(change.events()).containsExactly(new TaskStatusChanged(dependent.id(), BOARD, ORGANIZATION,
                "Ship it", status.wire(), "todo", "dependency " + reopened + " reopened", 5));
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"TODO", "DONE"})
    void aReopenedDependencyLeavesTasksNotStartedOrAlreadyDone(TaskStatus status) {
        assertThat(inStatus(status).dependencyReopened(UUID.randomUUID(), "admin", NOW).isEmpty()).isTrue();
    }

    @Test
    void knowsWhenATaskIsReopened() {
        Task done = inStatus(TaskStatus.DONE);
        assertThat(done.reopenedIn(done.moveTo(TaskStatus.TODO, null, List.of(), "admin", NOW).task())).isTrue();
        assertThat(done.reopenedIn(done.moveTo(TaskStatus.IN_PROGRESS, null, List.of(), "admin", NOW).task())).isTrue();
        Task review = inStatus(TaskStatus.REVIEW);
        assertThat(review.reopenedIn(review.moveTo(TaskStatus.DONE, null, List.of(), "admin", NOW).task())).isFalse();
        assertThat(done.reopenedIn(done)).isFalse();
    }

    @Test
    void replacingDependenciesAnnouncesEachAddedThenEachRemoved() {
        Task task = inStatus(TaskStatus.TODO);
        var kept = dependency(TaskStatus.DONE);
        var dropped = dependency(TaskStatus.TODO);
        var first = dependency(TaskStatus.REVIEW);
        var second = dependency(TaskStatus.TODO);

        Task.Change change = task.replaceDependencies(List.of(kept, dropped), List.of(first, kept, second), "admin",
                NOW);

        assertThat(change.events()).containsExactly(
                new TaskDependencyAdded(task.id(), task.boardId(), first.id(), ORGANIZATION, "Ship it", first.title(), 5),
                new TaskDependencyAdded(task.id(), task.boardId(), second.id(), ORGANIZATION, "Ship it", second.title(), 6),
                new TaskDependencyRemoved(task.id(), task.boardId(), dropped.id(), ORGANIZATION, "Ship it", dropped.title(), null, 7));
        assertThat(change.task().version()).isEqualTo(7L);
        assertThat(change.task().state()).isEqualTo(TaskStatus.TODO);
        assertThat(task.replaceDependencies(List.of(kept), List.of(kept), "admin", NOW).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"IN_PROGRESS", "REVIEW"})
    void workUnderwayAcceptsOnlyFinishedNewDependencies(TaskStatus status) {
        Task task = inStatus(status);
        var unfinished = dependency(TaskStatus.REVIEW);

        assertThatThrownBy(() -> task.replaceDependencies(List.of(), List.of(dependency(TaskStatus.DONE), unfinished),
                "admin", NOW)).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("task_blocked");
                    assertThat(e.properties().get("blocked_by")).isEqualTo(List.of(unfinished.id().toString()));
                });
        assertThat(task.replaceDependencies(List.of(), List.of(dependency(TaskStatus.DONE)), "admin", NOW).events())
                .hasSize(1);
    }

    @Test
    void aDoneTaskMayGainAnUnfinishedDependency() {
        assertThat(inStatus(TaskStatus.DONE).replaceDependencies(List.of(), List.of(dependency(TaskStatus.TODO)),
                "admin", NOW).events()).hasSize(1);
    }

    @Test
    void aDeletedDependencyIsRemovedWithItsReason() {
        Task dependent = inStatus(TaskStatus.TODO);
        Task deleted = inStatus(TaskStatus.REVIEW);

        Task.Change change = dependent.dependencyDeleted(deleted, "admin", NOW);

        assertThat(change.events()).containsExactly(new TaskDependencyRemoved(dependent.id(), dependent.boardId(), deleted.id(),
                ORGANIZATION, "Ship it", "Ship it", "dependency " + deleted.id() + " deleted", 5));
        assertThat(deleted.deleted().version()).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"IN_PROGRESS", "REVIEW"})
    void aNewTaskCannotStartAtWorkOnUnfinishedDependencies(TaskStatus status) {
        var unfinished = dependency(TaskStatus.TODO);
        assertThatThrownBy(() -> Task.create(ORGANIZATION, BOARD, "New", null, status, TaskPriority.LOW, null, null,
                List.of(unfinished, dependency(TaskStatus.DONE)), "admin", NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("task_blocked"));
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"TODO", "DONE"})
    void aNewTaskOutsideWorkMayWaitForAnything(TaskStatus status) {
        Task task = Task.create(ORGANIZATION, BOARD, "New", null, status, TaskPriority.LOW, null, DUE,
                List.of(dependency(TaskStatus.TODO)), "admin", NOW);
        assertThat(task.version()).as("not stored yet").isNull();
        assertThat(task.updatedBy()).isEqualTo("admin");
        assertThat(task.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void theCreationEventCarriesDueDateAndDependenciesOnTheWire() {
        UUID dependency = UUID.randomUUID();
        Task task = new Task(UUID.randomUUID(), ORGANIZATION, BOARD, "New", null, "todo", "low", null, DUE, "admin",
                NOW, "admin", NOW, 0L);

        String json = new String(EventCodec.toJson(task.created(List.of(dependency))), StandardCharsets.UTF_8);

        assertThat(json).contains("\"due_date\":\"2026-12-01T17:00:00Z\"", "\"dependencies\":[\"" + dependency + "\"]");
        assertThat(EventCodec.fromJson(json.getBytes(StandardCharsets.UTF_8), TaskCreated.class))
                .isEqualTo(task.created(List.of(dependency)));
    }
}

package io.missioncontrol.task.tasks;

import static io.missioncontrol.task.tasks.Tasks.NOW;
import static io.missioncontrol.task.tasks.Tasks.dependency;
import static io.missioncontrol.task.tasks.Tasks.inStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.contracts.task.TaskStatusChanged;
import io.missioncontrol.platform.web.ApiException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;

/** Every pair of statuses, against the table in docs/task-lifecycle.md (written out here, not derived from the code). */
class TaskStateMachineTest {

    private static final Set<String> ALLOWED = Set.of(
            "todo -> in_progress",
            "in_progress -> todo", "in_progress -> review",
            "review -> todo", "review -> in_progress", "review -> done",
            "done -> todo", "done -> in_progress");

    static Stream<Arguments> everyPair() {
        return Arrays.stream(TaskStatus.values())
                .flatMap(from -> Arrays.stream(TaskStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void movesExactlyAlongTheDocumentedTransitions(TaskStatus from, TaskStatus to) {
        Task task = inStatus(from);
        String pair = from.wire() + " -> " + to.wire();

        if (from == to) {
            Task.Change change = task.moveTo(to, null, List.of(), "agent-7", NOW);
            assertThat(change.isEmpty()).as("staying put is no transition").isTrue();
            assertThat(change.task()).isSameAs(task);
        } else if (ALLOWED.contains(pair)) {
            Task.Change change = task.moveTo(to, null, List.of(), "agent-7", NOW);
            assertThat(change.task().state()).isEqualTo(to);
            assertThat(change.task().version()).isEqualTo(5L);
            assertThat(change.task().updatedBy()).isEqualTo("agent-7");
            assertThat(change.task().updatedAt()).isEqualTo(NOW);
            assertThat(change.events()).containsExactly(new TaskStatusChanged(task.id(), task.boardId(),
                    task.organizationId(), task.title(), from.wire(), to.wire(), null, 5));
        } else {
            assertThatThrownBy(() -> task.moveTo(to, null, List.of(), "agent-7", NOW))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                        assertThat(e.code()).isEqualTo("illegal_transition");
                        assertThat(e.properties()).containsEntry("from", from.wire()).containsEntry("to", to.wire());
                        assertThat(e.properties().get("allowed_targets")).isEqualTo(ALLOWED.stream()
                                .filter(allowed -> allowed.startsWith(from.wire() + " -> "))
                                .map(allowed -> allowed.substring(allowed.indexOf("> ") + 2))
                                .sorted((a, b) -> TaskStatus.fromWire(a).compareTo(TaskStatus.fromWire(b)))
                                .toList());
                    });
        }
    }

    @Test
    void everyStatusCanBeLeftAndReached() {
        for (TaskStatus status : TaskStatus.values()) {
            assertThat(status.allowedTargets()).as(status + " leads somewhere").isNotEmpty();
            assertThat(Arrays.stream(TaskStatus.values()).filter(other -> other.canMoveTo(status)))
                    .as(status + " is reachable").isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"TODO", "REVIEW", "DONE"})
    void refusesToStartWorkWhileADependencyIsNotDone(TaskStatus from) {
        Task task = inStatus(from);
        var done = dependency(TaskStatus.DONE);
        var review = dependency(TaskStatus.REVIEW);
        var todo = dependency(TaskStatus.TODO);

        assertThatThrownBy(() -> task.moveTo(TaskStatus.IN_PROGRESS, null, List.of(done, review, todo), "admin", NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.code()).isEqualTo("task_blocked");
                    assertThat(e.properties().get("blocked_by"))
                            .isEqualTo(List.of(review.id().toString(), todo.id().toString()));
                });
        assertThat(task.moveTo(TaskStatus.IN_PROGRESS, null, List.of(done), "admin", NOW).task().state())
                .isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void unfinishedDependenciesBlockOnlyTheStartOfWork() {
        var unfinished = List.of(dependency(TaskStatus.TODO));
        assertThat(inStatus(TaskStatus.IN_PROGRESS).moveTo(TaskStatus.REVIEW, null, unfinished, "admin", NOW)
                .task().state()).isEqualTo(TaskStatus.REVIEW);
        assertThat(inStatus(TaskStatus.REVIEW).moveTo(TaskStatus.DONE, null, unfinished, "admin", NOW)
                .task().state()).isEqualTo(TaskStatus.DONE);
        assertThat(inStatus(TaskStatus.DONE).moveTo(TaskStatus.TODO, null, unfinished, "admin", NOW)
                .task().state()).isEqualTo(TaskStatus.TODO);
    }

    @Test
    void anIllegalTransitionIsReportedBeforeBlockers() {
        assertThatThrownBy(() -> inStatus(TaskStatus.TODO)
                .moveTo(TaskStatus.REVIEW, null, List.of(dependency(TaskStatus.TODO)), "admin", NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("illegal_transition"));
    }

    @Test
    void carriesTheReasonOfAMoveTheServiceMade() {
        Task.Change change = inStatus(TaskStatus.REVIEW).moveTo(TaskStatus.TODO, "dependency x reopened", List.of(),
                "admin", NOW);
        assertThat(((TaskStatusChanged) change.events().get(0)).reason()).isEqualTo("dependency x reopened");
    }
}

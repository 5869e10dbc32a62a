package io.missioncontrol.task.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.platform.web.ApiException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskOrderTest {

    @Test
    void readsEverySortWithItsDirection() {
        assertThat(TaskOrder.parameter(null)).isEqualTo(TaskOrder.NEWEST_FIRST);
        assertThat(TaskOrder.parameter("-updated_at")).isEqualTo(new TaskOrder(TaskOrder.Key.UPDATED_AT, true));
        assertThat(TaskOrder.parameter("priority")).isEqualTo(new TaskOrder(TaskOrder.Key.PRIORITY, false));
        assertThat(TaskOrder.parameter("due_date").orderBy())
                .isEqualTo("COALESCE(due_date, 'infinity'::timestamptz) ASC, id ASC");
        assertThat(TaskOrder.parameter("-created_at").after())
                .isEqualTo("(created_at, id) < (CAST(:afterKey AS timestamptz), :afterId)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"title", "--created_at", "+priority", "created_at;DROP TABLE task", "Priority", "-"})
    void refusesAnUnknownSortWithAFieldError(String sort) {
        assertThatThrownBy(() -> TaskOrder.parameter(sort)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_parameter");
            assertThat(((List<?>) e.properties().get("errors")).stream()
                    .map(error -> String.valueOf(((Map<?, ?>) error).get("field"))))
                    .containsExactly("sort");
        });
    }

    @Test
    void aCursorContinuesItsOwnOrder() {
        Task task = Tasks.inStatus(TaskStatus.TODO);
        for (String sort : List.of("created_at", "-created_at", "updated_at", "-updated_at", "priority", "-priority",
                "due_date", "-due_date")) {
            TaskOrder order = TaskOrder.parameter(sort);
            TaskOrder.Cursor cursor = order.cursorAfter(task);
            assertThat(order.decode(cursor.encode())).as(sort).isEqualTo(cursor);
        }
    }

    @Test
    void theCursorCarriesTheSortKey() {
        Task task = new Task(UUID.randomUUID(), Tasks.ORGANIZATION, Tasks.BOARD, "t", null, "todo", "high", null,
                null, "admin", Tasks.CREATED, "admin", Tasks.NOW, 0L);
        assertThat(TaskOrder.parameter("-priority").cursorAfter(task).key()).isEqualTo("2");
        assertThat(TaskOrder.parameter("due_date").cursorAfter(task).key()).isEqualTo("infinity");
        assertThat(TaskOrder.parameter("updated_at").cursorAfter(task).key()).isEqualTo(Tasks.NOW.toString());
        Task due = new Task(task.id(), task.organizationId(), task.boardId(), "t", null, "todo", "high", null,
                Instant.parse("2026-12-01T17:00:00.000001Z"), "admin", Tasks.CREATED, "admin", Tasks.NOW, 0L);
        assertThat(TaskOrder.parameter("-due_date").cursorAfter(due).key()).isEqualTo("2026-12-01T17:00:00.000001Z");
    }

    @Test
    void refusesACursorFromAnotherOrderOrNotFromUs() {
        Task task = Tasks.inStatus(TaskStatus.TODO);
        String byPriority = TaskOrder.parameter("priority").cursorAfter(task).encode();

        for (String cursor : List.of(byPriority, "garbage!", encode("priority|x|" + task.id()),
                encode("-priority|2|not-a-uuid"), encode("-priority|2"), encode("-priority|123|" + task.id()))) {
            assertThatThrownBy(() -> TaskOrder.parameter("-priority").decode(cursor)).as(cursor)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_cursor"));
        }
        assertThat(TaskOrder.parameter("-priority").decode(null)).isNull();
        assertThat(TaskOrder.parameter("-priority").decode(encode("-priority|2|" + task.id())).key()).isEqualTo("2");
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes());
    }
}

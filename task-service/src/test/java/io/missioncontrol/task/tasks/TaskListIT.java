package io.missioncontrol.task.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.platform.testing.ServiceTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Task lists: filters, every sort order and cursor pagination, on a real PostgreSQL. */
@ServiceTest
class TaskListIT {

    private static final List<String> PRIORITIES = List.of("low", "medium", "high", "critical");

    @Autowired
    WebTestClient http;
    @Autowired
    DatabaseClient db;

    private TaskApi api;

    @BeforeEach
    void freshOrganization() {
        api = new TaskApi(http);
    }

    /** Small pages over ties (equal priorities, equal and missing due dates) must still visit every task once. */
    @ParameterizedTest
    @ValueSource(strings = {"created_at", "-created_at", "updated_at", "-updated_at", "priority", "-priority",
            "due_date", "-due_date"})
    void pagesThroughEveryOrderWithoutGapsOrRepeats(String sort) {
        String[] priorities = {"low", "critical", "medium", "high", "medium", "low", "critical", "high", "medium"};
        String[] due = {null, "2026-12-01T10:00:00Z", "2026-12-01T10:00:00Z", null, "2026-11-30T10:00:00Z",
                "2026-12-24T00:00:00Z", null, "2026-12-01T10:00:00Z", "2026-11-30T10:00:00.000001Z"};
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < priorities.length; i++) {
            var fields = new HashMap<String, Object>(Map.of("priority", priorities[i]));
            if (due[i] != null) {
                fields.put("due_date", due[i]);
            }
            ids.add(api.task("Task " + i, fields));
        }
        // Touch some tasks out of creation order, so that updated_at and created_at disagree.
        for (int i : new int[] {4, 0, 7}) {
            api.update(ids.get(i), Map.of("description", "touched"));
        }
        List<Map<String, Object>> tasks = ids.stream().map(api::read).toList();

        List<String> paged = pageThrough("sort=" + sort, 2);

        assertThat(paged).as(sort).containsExactlyElementsOf(expectedOrder(tasks, sort));
    }

    @Test
    void defaultsToNewestFirst() {
        String first = api.task("First");
        String second = api.task("Second");
        assertThat(pageThrough("", 1)).containsExactly(second, first);
    }

    @Test
    void filtersByBoardStatusPriorityAgentAndText() {
        UUID agent = api.knownAgent(db);
        String rotate = api.task("Rotate the TOKENS", Map.of("priority", "critical", "assigned_agent_id", agent.toString()));
        String sale = api.task("Announce", Map.of("description", "50% off the rotation fee"));
        String plain = api.task("Five hundred", Map.of("description", "500 off"));
        String underscore = api.task("snake_case names");
        api.task("Three cats"); // "e c": what an unescaped _ would also match
        api.advance(plain, TaskStatus.IN_PROGRESS);
        String group = (String) api.post("/api/board-groups", Map.of("organization_id", api.organization, "name", "G2"))
                .get("id");
        String otherBoard = TaskApi.id(api.post("/api/boards", Map.of("board_group_id", group, "name", "B2")));
        String elsewhere = TaskApi.id(api.post("/api/tasks", Map.of("board_id", otherBoard, "title", "Rotate too")));

        assertThat(pageThrough("q=ROTAT", 10)).containsExactlyInAnyOrder(rotate, sale, elsewhere);
        assertThat(pageThrough("q=50%", 10)).as("% is literal").containsExactly(sale);
        assertThat(pageThrough("q=e_c", 10)).as("_ is literal").containsExactly(underscore);
        assertThat(pageThrough("status=in_progress", 10)).containsExactly(plain);
        assertThat(pageThrough("priority=critical", 10)).containsExactly(rotate);
        assertThat(pageThrough("assigned_agent_id=" + agent, 10)).containsExactly(rotate);
        assertThat(pageThrough("board_id=" + otherBoard, 10)).containsExactly(elsewhere);
        assertThat(pageThrough("board_id=" + api.board + "&q=rotat&sort=-priority", 1)).containsExactly(rotate, sale);
    }

    @Test
    void refusesEveryInvalidParameterWithAFieldError() {
        api.admin.get().uri("/api/tasks?organization_id={org}&status=someday&priority=urgent&sort=title"
                        + "&assigned_agent_id=nobody&q={q}", api.organization, "x".repeat(201))
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.code").isEqualTo("invalid_parameter")
                .jsonPath("$.errors[*].field").isEqualTo(List.of("status", "priority", "assigned_agent_id", "q", "sort"));
        api.admin.get().uri("/api/tasks?organization_id={org}&sort=-due_date", api.organization).exchange()
                .expectStatus().isOk();
        api.admin.get().uri("/api/tasks?organization_id={org}&limit=0", api.organization).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_limit");
    }

    @Test
    void refusesACursorFromAnotherOrder() {
        api.task("One");
        api.task("Two");
        String cursor = (String) page("sort=priority&limit=1").get("next_cursor");
        assertThat(cursor).isNotNull();

        api.admin.get().uri("/api/tasks?organization_id={org}&sort=-priority&cursor={cursor}", api.organization, cursor)
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_cursor");
    }

    @Test
    void theBoardShowsItsTasksWithTheirBlockers() {
        String build = api.task("Build");
        String ship = api.task("Ship", Map.of("dependencies", List.of(build)));

        api.admin.get().uri("/api/boards/{id}", api.board).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.tasks.length()").isEqualTo(2)
                .jsonPath("$.tasks[0].id").isEqualTo(ship)
                .jsonPath("$.tasks[0].dependencies").isEqualTo(List.of(build))
                .jsonPath("$.tasks[0].blocked_by").isEqualTo(List.of(build))
                .jsonPath("$.tasks[1].blocked_by").isEqualTo(List.of());
    }

    /** The ids of every task of the organization the query lists, following next_cursor page by page. */
    private List<String> pageThrough(String query, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 50; pages++) {
            Map<String, Object> page = page(query + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            items.forEach(item -> ids.add((String) item.get("id")));
            cursor = (String) page.get("next_cursor");
            if (cursor == null) {
                return ids;
            }
        }
        throw new AssertionError("More pages than tasks: " + ids);
    }

    /** {@code query} is a URI template: the client encodes it, so a literal % is written as %. */
    private Map<String, Object> page(String query) {
        return api.admin.get().uri("/api/tasks?organization_id=" + api.organization + "&" + query).exchange()
                .expectStatus().isOk().expectBody(TaskApi.JSON_MAP).returnResult().getResponseBody();
    }

    /**
     * The order the API promises, computed independently: by the key, then by id as PostgreSQL orders UUIDs
     * (byte-wise, which for the canonical lower-case text is the text order); a missing due date counts as infinity.
     */
    private static List<String> expectedOrder(List<Map<String, Object>> tasks, String sort) {
        boolean descending = sort.startsWith("-");
        String key = descending ? sort.substring(1) : sort;
        Function<Map<String, Object>, Comparable<?>> value;
        switch (key) {
            case "priority":
                value = task -> PRIORITIES.indexOf((String) task.get("priority"));
                break;
            case "due_date":
                value = task -> task.get("due_date") == null ? Instant.MAX : Instant.parse((String) task.get("due_date"));
                break;
            default:
                value = task -> Instant.parse((String) task.get(key));
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<Map<String, Object>> order = Comparator.comparing(task -> (Comparable) value.apply(task));
        order = order.thenComparing(task -> (String) task.get("id"));
        if (descending) {
            order = order.reversed();
        }
        return tasks.stream().sorted(order).map(task -> (String) task.get("id")).toList();
    }
}

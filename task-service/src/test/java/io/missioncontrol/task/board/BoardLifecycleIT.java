package io.missioncontrol.task.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Board-group edits, and deleting (archiving or purging) boards and board groups, through the HTTP API. */
@ServiceTest
class BoardLifecycleIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient http;

    private final String run = UUID.randomUUID().toString();
    private final String alice = TestTokens.user("alice-" + run, "alice-" + run + "@example.com");
    private final String carol = TestTokens.user("carol-" + run, "carol-" + run + "@example.com");
    private final String bob = TestTokens.user("bob-" + run, "bob-" + run + "@example.com");
    private String org;
    private String group;
    private String board;

    @BeforeEach
    void aliceOwnsAnOrganizationWithABoardAndCarolAdministersIt() {
        org = id(call(alice, HttpMethod.POST, "/api/organizations", Map.of("name", "Org " + run), 201));
        call(alice, HttpMethod.POST, "/api/organizations/" + org + "/members",
                Map.of("subject", "carol-" + run, "role", "admin"), 201);
        group = id(call(alice, HttpMethod.POST, "/api/board-groups", Map.of("organization_id", org, "name", "G"), 201));
        board = id(call(alice, HttpMethod.POST, "/api/boards", Map.of("board_group_id", group, "name", "B"), 201));
    }

    @Test
    void renamesAGroupAndClearsItsDescription() {
        call(carol, HttpMethod.PATCH, "/api/board-groups/" + group, Map.of("description", "about"), 200);
        var body = new HashMap<String, Object>();
        body.put("name", " Platform ");
        body.put("description", null);
        Map<String, Object> updated = call(carol, HttpMethod.PATCH, "/api/board-groups/" + group, body, 200);
        assertThat(updated).containsEntry("name", "Platform").containsEntry("description", null)
                .containsEntry("version", 2);
        assertThat(call(alice, HttpMethod.PATCH, "/api/board-groups/" + group, Map.of("name", " "), 422))
                .containsEntry("code", "validation_failed");
    }

    @Test
    void refusesToDeleteABoardWithTasksWithoutCascade() {
        task("One");
        task("Two");
        Map<String, Object> refused = call(carol, HttpMethod.DELETE, "/api/boards/" + board, null, 409);
        assertThat(refused).containsEntry("code", "board_not_empty").containsEntry("task_count", 2);
        call(alice, HttpMethod.GET, "/api/boards/" + board, null, 200);
    }

    @Test
    void archivingABoardHidesItAndItsTasks() {
        String task = task("One");
        String other = id(call(alice, HttpMethod.POST, "/api/boards", Map.of("board_group_id", group, "name", "Other"), 201));
        String kept = id(call(alice, HttpMethod.POST, "/api/tasks", Map.of("board_id", other, "title", "Kept"), 201));

        call(carol, HttpMethod.DELETE, "/api/boards/" + board + "?cascade=true", null, 204);

        call(alice, HttpMethod.GET, "/api/boards/" + board, null, 404);
        call(alice, HttpMethod.GET, "/api/tasks/" + task, null, 404);
        call(alice, HttpMethod.PATCH, "/api/tasks/" + task, Map.of("title", "x"), 404);
        assertThat(ids(call(alice, HttpMethod.GET, "/api/tasks?organization_id=" + org, null, 200))).containsExactly(kept);
        assertThat(ids(call(alice, HttpMethod.GET, "/api/boards?organization_id=" + org, null, 200))).containsExactly(other);
        assertThat(call(alice, HttpMethod.POST, "/api/tasks", Map.of("board_id", board, "title", "Late"), 422))
                .containsEntry("code", "unknown_reference");
        call(carol, HttpMethod.DELETE, "/api/boards/" + board, null, 404);
    }

    @Test
    void tasksOnOtherBoardsLoseDependenciesOnAnArchivedOrPurgedBoard() {
        String archivedDependency = task("Archived with its board");
        String other = id(call(alice, HttpMethod.POST, "/api/boards", Map.of("board_group_id", group, "name", "Other"), 201));
        String purgedBoard = id(call(alice, HttpMethod.POST, "/api/boards", Map.of("board_group_id", group, "name", "Gone"), 201));
        String purgedDependency = id(call(alice, HttpMethod.POST, "/api/tasks",
                Map.of("board_id", purgedBoard, "title", "Purged with its board"), 201));
        String dependent = id(call(alice, HttpMethod.POST, "/api/tasks", Map.of("board_id", other, "title", "Waits",
                "dependencies", List.of(archivedDependency, purgedDependency)), 201));
        assertThat(call(alice, HttpMethod.GET, "/api/tasks/" + dependent, null, 200).get("blocked_by"))
                .asInstanceOf(LIST).hasSize(2);

        call(carol, HttpMethod.DELETE, "/api/boards/" + board + "?cascade=true", null, 204);
        Map<String, Object> afterArchive = call(alice, HttpMethod.GET, "/api/tasks/" + dependent, null, 200);
        assertThat(afterArchive.get("dependencies")).asInstanceOf(LIST).containsExactly(purgedDependency);
        assertThat(afterArchive).containsEntry("version", 1).containsEntry("updated_by", "carol-" + run);

        call(alice, HttpMethod.DELETE, "/api/boards/" + purgedBoard + "?cascade=true&purge=true", null, 204);
        Map<String, Object> afterPurge = call(alice, HttpMethod.GET, "/api/tasks/" + dependent, null, 200);
        assertThat(afterPurge.get("dependencies")).asInstanceOf(LIST).isEmpty();
        assertThat(afterPurge.get("blocked_by")).asInstanceOf(LIST).isEmpty();
        assertThat(afterPurge).containsEntry("version", 2);
        call(alice, HttpMethod.PATCH, "/api/tasks/" + dependent, Map.of("status", "in_progress"), 200);
    }

    @Test
    void anEmptyBoardNeedsNoCascade() {
        call(carol, HttpMethod.DELETE, "/api/boards/" + board, null, 204);
        call(alice, HttpMethod.GET, "/api/boards/" + board, null, 404);
    }

    @Test
    void onlyOwnersPurge() {
        task("One");
        call(carol, HttpMethod.DELETE, "/api/boards/" + board + "?cascade=true&purge=true", null, 403);
        call(alice, HttpMethod.DELETE, "/api/boards/" + board + "?cascade=true&purge=true", null, 204);
        call(alice, HttpMethod.GET, "/api/boards/" + board, null, 404);
        assertThat(ids(call(alice, HttpMethod.GET, "/api/tasks?organization_id=" + org, null, 200))).isEmpty();
    }

    @Test
    void aGroupWithLiveBoardsNeedsCascadeAndArchivesThemAll() {
        String task = task("One");
        Map<String, Object> refused = call(carol, HttpMethod.DELETE, "/api/board-groups/" + group, null, 409);
        assertThat(refused).containsEntry("code", "board_group_not_empty").containsEntry("board_count", 1);

        call(carol, HttpMethod.DELETE, "/api/board-groups/" + group + "?cascade=true", null, 204);

        call(alice, HttpMethod.GET, "/api/board-groups/" + group, null, 404);
        call(alice, HttpMethod.GET, "/api/boards/" + board, null, 404);
        call(alice, HttpMethod.GET, "/api/tasks/" + task, null, 404);
        assertThat(ids(call(alice, HttpMethod.GET, "/api/board-groups?organization_id=" + org, null, 200))).isEmpty();
        assertThat(call(alice, HttpMethod.POST, "/api/boards", Map.of("board_group_id", group, "name", "Late"), 422))
                .containsEntry("code", "unknown_reference");
    }

    @Test
    void ownersPurgeAGroupWithItsBoardsIncludingThoseArchivedBefore() {
        task("One");
        String archived = id(call(alice, HttpMethod.POST, "/api/boards", Map.of("board_group_id", group, "name", "Old"), 201));
        call(alice, HttpMethod.POST, "/api/tasks", Map.of("board_id", archived, "title", "Old task"), 201);
        call(alice, HttpMethod.DELETE, "/api/boards/" + archived + "?cascade=true", null, 204);
        assertThat(call(alice, HttpMethod.DELETE, "/api/board-groups/" + group, null, 409))
                .as("only live boards count").containsEntry("board_count", 1);
        call(alice, HttpMethod.DELETE, "/api/board-groups/" + group + "?cascade=true&purge=true", null, 204);
        call(alice, HttpMethod.GET, "/api/board-groups/" + group, null, 404);
        assertThat(ids(call(alice, HttpMethod.GET, "/api/tasks?organization_id=" + org, null, 200))).isEmpty();
    }

    @Test
    void membersMayNotDeleteBoards() {
        String mia = TestTokens.user("mia-" + run, "mia-" + run + "@example.com");
        call(alice, HttpMethod.POST, "/api/organizations/" + org + "/members", Map.of("subject", "mia-" + run, "role", "member"), 201);
        call(mia, HttpMethod.DELETE, "/api/boards/" + board, null, 403);
        call(mia, HttpMethod.PATCH, "/api/board-groups/" + group, Map.of("name", "x"), 403);
    }

    @Test
    void answers404ForEveryLifecycleEndpointAcrossOrganizations() {
        call(bob, HttpMethod.POST, "/api/organizations", Map.of("name", "Bob " + run), 201);
        call(bob, HttpMethod.PATCH, "/api/board-groups/" + group, Map.of("name", "x"), 404);
        call(bob, HttpMethod.DELETE, "/api/board-groups/" + group + "?cascade=true", null, 404);
        call(bob, HttpMethod.DELETE, "/api/boards/" + board + "?cascade=true", null, 404);
        call(bob, HttpMethod.DELETE, "/api/boards/" + board + "?cascade=true&purge=true", null, 404);
        call(alice, HttpMethod.GET, "/api/boards/" + board, null, 200);
    }

    private String task(String title) {
        return id(call(alice, HttpMethod.POST, "/api/tasks", Map.of("board_id", board, "title", title), 201));
    }

    private Map<String, Object> call(String token, HttpMethod method, String uri, Map<String, ?> body, int status) {
        var request = http.method(method).uri(uri).headers(headers -> headers.setBearerAuth(token));
        var spec = body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        EntityExchangeResult<Map<String, Object>> result = spec.exchange().expectBody(JSON).returnResult();
        assertThat(result.getStatus().value()).as(method + " " + uri + " -> " + result.getResponseBody()).isEqualTo(status);
        return result.getResponseBody() == null ? Map.of() : result.getResponseBody();
    }

    private static String id(Map<String, Object> body) {
        return (String) body.get("id");
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> (String) item.get("id")).toList();
    }
}

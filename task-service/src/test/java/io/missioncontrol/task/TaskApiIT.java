package io.missioncontrol.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** task-service's API called directly with internal tokens, on a real PostgreSQL and Kafka. */
@ServiceTest
class TaskApiIT {

    @Autowired
    WebTestClient http;

    @Test
    void createsAndReadsTheHierarchy() {
        String org = create("/api/organizations", Map.of("name", "Acme", "description", "Robots"));
        String group = create("/api/board-groups", Map.of("organization_id", org, "name", "Platform"));
        String board = create("/api/boards", Map.of("board_group_id", group, "name", "Release"));
        String task = create("/api/tasks", Map.of("board_id", board, "title", "Ship it", "priority", "high"));

        admin().get().uri("/api/tasks/{id}", task).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.title").isEqualTo("Ship it")
                .jsonPath("$.status").isEqualTo("todo")
                .jsonPath("$.priority").isEqualTo("high")
                .jsonPath("$.board_id").isEqualTo(board)
                .jsonPath("$.organization_id").isEqualTo(org)
                .jsonPath("$.created_by").isEqualTo("admin");
        admin().get().uri("/api/boards/{id}", board).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.tasks[0].id").isEqualTo(task)
                .jsonPath("$.board_group_id").isEqualTo(group);
        admin().get().uri("/api/tasks?organization_id={org}&board_id={board}", org, board).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.next_cursor").doesNotExist();
    }

    @Test
    void pagesNewestFirst() {
        String org = create("/api/organizations", Map.of("name", "Pager"));
        String group = create("/api/board-groups", Map.of("organization_id", org, "name", "G"));
        String board = create("/api/boards", Map.of("board_group_id", group, "name", "B"));
        for (int i = 0; i < 5; i++) {
            create("/api/tasks", Map.of("board_id", board, "title", "task " + i));
        }

        var first = admin().get().uri("/api/tasks?organization_id={org}&limit=3", org).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((java.util.List<?>) first.get("items")).hasSize(3);
        assertThat(((Map<?, ?>) ((java.util.List<?>) first.get("items")).get(0)).get("title")).isEqualTo("task 4");
        admin().get().uri("/api/tasks?organization_id={org}&limit=3&cursor={cursor}", org, first.get("next_cursor"))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[1].title").isEqualTo("task 0")
                .jsonPath("$.next_cursor").doesNotExist();
    }

    @Test
    void refusesMalformedJson() {
        admin().post().uri("/api/organizations").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": ")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("malformed_json");
    }

    @Test
    void refusesMissingFieldsWithPerFieldErrors() {
        admin().post().uri("/api/tasks").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("title", " "))
                .exchange().expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("validation_failed")
                .jsonPath("$.errors[?(@.field == 'board_id')]").exists()
                .jsonPath("$.errors[?(@.field == 'title')]").exists();
    }

    @Test
    void refusesAValueOfTheWrongShape() {
        admin().post().uri("/api/tasks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("board_id", "not-a-uuid", "title", "x"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_field")
                .jsonPath("$.errors[0].field").isEqualTo("board_id");
        admin().post().uri("/api/tasks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("board_id", UUID.randomUUID(), "title", "x", "status", "someday"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
    }

    /** Whatever the body, the answer is a client error with a problem document: never a 500, never a stack trace. */
    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "42", "\"text\"", "{}", "{\"name\": null}", "{\"name\": 7}",
            "{\"name\": [\"a\"]}", "{\"name\": {\"nested\": true}}", "{\"board_id\": 12, \"title\": false}",
            "{\"board_id\": \"\", \"title\": \"\"}", "{\"name\": true, \"organization_id\": 1.5}",
            "{\"priority\": \"HIGH\"}", "{\"name\": \"\u0000\"}", "{\"name\": \"x\"", "\u00ff\u00fe"})
    void answersEveryOddBodyWithAClientError(String body) {
        for (String path : List.of("/api/organizations", "/api/board-groups", "/api/boards", "/api/tasks")) {
            var result = admin().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                    .expectBody(String.class).returnResult();
            assertThat(result.getStatus().is4xxClientError()).as(path + " " + body + " -> " + result.getStatus())
                    .isTrue();
            assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result.getResponseBody()).contains("\"code\"").doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void refusesANameLongerThanAllowed() {
        admin().post().uri("/api/organizations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "x".repeat(201))).exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
    }

    @Test
    void answersNotFoundForAnUnknownId() {
        admin().get().uri("/api/tasks/{id}", UUID.randomUUID()).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("not_found");
        admin().get().uri("/api/tasks/not-a-uuid").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").exists();
    }

    @Test
    void refusesAChildOfAMissingParent() {
        admin().post().uri("/api/boards").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("board_group_id", UUID.randomUUID(), "name", "Orphan"))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("unknown_reference")
                .jsonPath("$.errors[0].field").isEqualTo("board_group_id");
    }

    @Test
    void hidesAnotherOrganizationsObjects() {
        String org = create("/api/organizations", Map.of("name", "Private"));
        String group = create("/api/board-groups", Map.of("organization_id", org, "name", "G"));
        String outsider = TestTokens.agent(UUID.randomUUID(), UUID.randomUUID(), "tasks:read");

        http.get().uri("/api/board-groups/{id}", group).headers(h -> h.setBearerAuth(outsider)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/organizations/{id}", org).headers(h -> h.setBearerAuth(outsider)).exchange()
                .expectStatus().isNotFound();
    }

    private String create(String path, Map<String, ?> body) {
        var created = admin().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) created.get("id");
    }

    private WebTestClient admin() {
        return http.mutate().defaultHeaders(headers -> headers.setBearerAuth(TestTokens.admin())).build();
    }
}

package io.missioncontrol.task.tasks;

import io.missioncontrol.platform.testing.TestTokens;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The task API as the lifecycle tests drive it: an organization with one board, as the admin. */
final class TaskApi {

    final WebTestClient admin;
    final String organization;
    final String board;

    TaskApi(WebTestClient http) {
        this.admin = http.mutate().defaultHeaders(headers -> headers.setBearerAuth(TestTokens.admin())).build();
        this.organization = id(post("/api/organizations", Map.of("name", "Org " + UUID.randomUUID())));
        String group = id(post("/api/board-groups", Map.of("organization_id", organization, "name", "Group")));
        this.board = id(post("/api/boards", Map.of("board_group_id", group, "name", "Board")));
    }

    Map<String, Object> post(String path, Map<String, ?> body) {
        return admin.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectBody(JSON_MAP).returnResult().getResponseBody();
    }

    /** A new task on the board; extra fields (status, dependencies, …) override the defaults. */
    String task(String title, Map<String, ?> fields) {
        var body = new java.util.HashMap<String, Object>(Map.of("board_id", board, "title", title));
        body.putAll(fields);
        return id(post("/api/tasks", body));
    }

    String task(String title) {
        return task(title, Map.of());
    }

    EntityExchangeResult<Map<String, Object>> patch(String id, Map<String, ?> body, String ifMatch) {
        return admin.patch().uri("/api/tasks/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (ifMatch != null) {
                        headers.set(HttpHeaders.IF_MATCH, ifMatch);
                    }
                })
                .bodyValue(body).exchange().expectBody(JSON_MAP).returnResult();
    }

    /** PATCHes and insists on success: the task afterwards. */
    Map<String, Object> update(String id, Map<String, ?> body) {
        var result = patch(id, body, null);
        if (result.getStatus().value() != 200) {
            throw new AssertionError("PATCH " + body + " -> " + result.getStatus() + " " + result.getResponseBody());
        }
        return result.getResponseBody();
    }

    /** Walks the task along todo → in_progress → review → done, as far as {@code target}. */
    void advance(String id, TaskStatus target) {
        for (TaskStatus step : new TaskStatus[] {TaskStatus.IN_PROGRESS, TaskStatus.REVIEW, TaskStatus.DONE}) {
            if (step.ordinal() > target.ordinal()) {
                return;
            }
            update(id, Map.of("status", step.wire()));
        }
    }

    EntityExchangeResult<Map<String, Object>> putDependencies(String id, java.util.List<String> dependencies) {
        return admin.put().uri("/api/tasks/{id}/dependencies", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("dependencies", dependencies)).exchange().expectBody(JSON_MAP).returnResult();
    }

    EntityExchangeResult<Map<String, Object>> get(String id) {
        return admin.get().uri("/api/tasks/{id}", id).exchange().expectBody(JSON_MAP).returnResult();
    }

    Map<String, Object> read(String id) {
        var result = get(id);
        if (result.getStatus().value() != 200) {
            throw new AssertionError("GET " + id + " -> " + result.getStatus());
        }
        return result.getResponseBody();
    }

    /**
     * An agent the registry has announced in the organization, written straight into task-service's read model:
     * tests of other features need an assignable agent, not the round trip through Kafka (AgentWorkIT covers that).
     */
    UUID knownAgent(org.springframework.r2dbc.core.DatabaseClient db) {
        UUID agent = UUID.randomUUID();
        db.sql("""
                        INSERT INTO known_agent (id, organization_id, name, status, version, updated_at)
                        VALUES (:id, :organization, 'test agent', 'active', 0, now())""")
                .bind("id", agent)
                .bind("organization", UUID.fromString(organization))
                .then().block();
        return agent;
    }

    static String id(Map<String, Object> body) {
        return (String) body.get("id");
    }

    static final org.springframework.core.ParameterizedTypeReference<Map<String, Object>> JSON_MAP =
            new org.springframework.core.ParameterizedTypeReference<>() {
            };
}

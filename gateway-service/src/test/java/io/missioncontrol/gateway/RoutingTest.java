package io.missioncontrol.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;

class RoutingTest extends GatewayIntegrationTest {

    @ParameterizedTest
    @CsvSource({
            "/api/organizations, task",
            "/api/organizations/7/members, task",
            "/api/board-groups, task",
            "/api/boards/9, task",
            "/api/tasks, task",
            "/api/tags, task",
            "/api/agents, registry",
            "/api/agents/3/keys, registry",
            "/api/gateways, registry",
            "/api/gateways/5/execute, registry",
            "/api/runtimes/5/execute, registry",
            "/api/runtimes/5, registry",
            "/api/executions/6, registry",
            "/api/activity, telemetry",
            "/api/telemetry/heartbeats, telemetry",
            "/api/report/status, telemetry"})
    void pathReachesTheServiceThatOwnsIt(String path, String service) {
        asAdmin(path).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo(service)
                .jsonPath("$.path").isEqualTo(path);
    }

    @Test
    void queryAndMethodAreForwarded() {
        client.post().uri("/api/tasks?board_id=1").headers(headers -> headers.setBearerAuth(TestKeys.ADMIN_TOKEN))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"title\":\"x\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.method").isEqualTo("POST")
                .jsonPath("$.path").isEqualTo("/api/tasks")
                .jsonPath("$.query").isEqualTo("board_id=1");
    }

    @Test
    void unknownApiPathIsNotFoundProblem() {
        asAdmin("/api/no-such-thing").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.code").isEqualTo("not_found");
    }

    @Test
    void prefixLookalikeIsNotRouted() {
        asAdmin("/api/tasksx").exchange().expectStatus().isNotFound();
    }

    @Test
    void pathOutsideApiIsNotFoundProblem() {
        client.get().uri("/admin").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("not_found");
    }

    @Test
    void fallbackIsNotReachableDirectly() {
        client.get().uri("/fallback/task-service").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("not_found");
    }

    @Test
    void serviceThatIsDownAnswersServiceUnavailableProblem() {
        asAdmin("/api/approvals").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.code").isEqualTo("service_unavailable");
    }

    @Test
    void serviceThatDoesNotAnswerInTimeAnswersGatewayTimeoutProblem() {
        asAdmin("/api/tasks/slow").exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("gateway_timeout");
    }

    @Test
    void eventStreamOutlivesTheResponseTimeout() {
        String body = asAdmin("/api/boards/1/stream").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("data: one", "data: two", "data: three");
    }

    @Test
    void problemFromServicePassesThroughUntouched() {
        asAdmin("/api/tags/conflict").exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().json(StubService.CONFLICT_PROBLEM, JsonCompareMode.STRICT);
    }

    @Test
    void clientRequestIdIsForwardedAndEchoed() {
        asAdmin("/api/tasks").header("X-Request-Id", "req-123").exchange()
                .expectHeader().valueEquals("X-Request-Id", "req-123")
                .expectBody().jsonPath("$.request_id").isEqualTo("req-123");
    }

    @Test
    void requestIdIsGeneratedWhenMissingOrMalformed() {
        var result = asAdmin("/api/tasks").header("X-Request-Id", "no spaces\tor tabs").exchange()
                .expectBody(Map.class).returnResult();
        String echoed = result.getResponseHeaders().getFirst("X-Request-Id");
        assertThat(echoed).matches("[0-9a-f-]{36}");
        assertThat(result.getResponseBody().get("request_id")).isEqualTo(echoed);
    }
}

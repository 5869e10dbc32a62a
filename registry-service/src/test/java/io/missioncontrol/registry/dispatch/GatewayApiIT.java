package io.missioncontrol.registry.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import io.missioncontrol.registry.RuntimesApi;
import io.missioncontrol.registry.StubRuntime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The Mission Control API's gateways: runtimes under {@code /api/gateways} with {@code endpoint} for
 * {@code endpoint_url}, and {@code POST /api/gateways/{id}/execute}, which runs a task on that runtime only.
 */
@ServiceTest
class GatewayApiIT {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient http;
    @Autowired
    DatabaseClient db;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    private RuntimesApi api;
    private StubRuntime stub;
    private StubRuntime other;

    @BeforeEach
    void freshOrganization() {
        http = RuntimesApi.patient(http);
        api = new RuntimesApi(http, db, kafka);
        stub = new StubRuntime();
        other = new StubRuntime();
    }

    @AfterEach
    void stopStubs() {
        stub.close();
        other.close();
    }

    @Test
    void answersGatewaysWithEndpointUnderBothNames() {
        Map<String, Object> body = new HashMap<>();
        body.put("organization_id", api.organization.toString());
        body.put("name", "openclaw");
        body.put("endpoint", stub.url());
        body.put("auth_token", "gw-secret-" + UUID.randomUUID());
        body.put("capabilities", List.of("python"));
        var created = http.post().uri("/api/gateways").headers(h -> h.setBearerAuth(TestTokens.admin()))
                .bodyValue(body).exchange().expectStatus().isCreated().expectBody(MAP).returnResult();
        Map<String, Object> gateway = created.getResponseBody();
        String id = (String) gateway.get("id");
        assertThat(created.getResponseHeaders().getLocation()).hasToString("/api/gateways/" + id);
        assertThat(gateway).containsEntry("endpoint", stub.url()).containsEntry("endpoint_url", stub.url())
                .containsEntry("has_token", true).doesNotContainKey("auth_token");

        Map<String, Object> read = get("/api/gateways/" + id);
        assertThat(read).containsEntry("endpoint", stub.url()).containsEntry("name", "openclaw");
        assertThat(api.runtime(id)).containsEntry("endpoint", stub.url()).containsEntry("endpoint_url", stub.url());

        http.patch().uri("/api/gateways/{id}", id).headers(h -> h.setBearerAuth(TestTokens.admin()))
                .bodyValue(Map.of("endpoint", other.url())).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.endpoint").isEqualTo(other.url())
                .jsonPath("$.endpoint_url").isEqualTo(other.url());

        http.get().uri("/api/gateways?organization_id={org}", api.organization)
                .headers(h -> h.setBearerAuth(TestTokens.admin())).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].id").isEqualTo(id).jsonPath("$.items[0].endpoint")
                .isEqualTo(other.url());
    }

    @Test
    void refusesTwoDifferentEndpoints() {
        String id = (String) api.register("two", stub.url(), null, List.of()).get("id");
        http.patch().uri("/api/gateways/{id}", id).headers(h -> h.setBearerAuth(TestTokens.admin()))
                .bodyValue(Map.of("endpoint", other.url(), "endpoint_url", stub.url())).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("validation_failed")
                .jsonPath("$.errors[0].field").isEqualTo("endpoint");
        http.post().uri("/api/gateways").headers(h -> h.setBearerAuth(TestTokens.admin()))
                .bodyValue(Map.of("organization_id", api.organization.toString(), "name", "three",
                        "endpoint", other.url(), "endpoint_url", stub.url()))
                .exchange().expectStatus().isEqualTo(422);
    }

    @Test
    @SuppressWarnings("unchecked")
    void executesATaskOnTheChosenGatewayOnly() {
        String chosen = (String) api.register("chosen", stub.url(), "tok-" + UUID.randomUUID(), List.of()).get("id");
        String elsewhere = (String) api.register("elsewhere", other.url(), null, List.of()).get("id");
        api.awaitHealth(chosen, "healthy");
        api.awaitHealth(elsewhere, "healthy");
        UUID agent = api.agent("runner", List.of());
        UUID task = api.task("Weld the frame", agent, kafka);

        for (String path : List.of("/api/gateways/{id}/execute", "/api/runtimes/{id}/execute")) {
            var accepted = http.post().uri(path, chosen).headers(h -> h.setBearerAuth(TestTokens.admin()))
                    .bodyValue(Map.of("task_id", task.toString(), "parameters", Map.of("mode", "fast", "depth", 3)))
                    .exchange().expectStatus().isAccepted().expectBody(MAP).returnResult();
            String execution = (String) accepted.getResponseBody().get("execution_id");
            assertThat(accepted.getResponseHeaders().getLocation()).hasToString("/api/executions/" + execution);

            Map<String, Object> decided = decided(execution);
            assertThat(decided).containsEntry("status", "dispatched").containsEntry("task_id", task.toString())
                    .containsEntry("agent_id", agent.toString()).containsEntry("title", "Weld the frame");
            assertThat(((Map<String, Object>) decided.get("runtime")).get("id")).isEqualTo(chosen);
            assertThat(api.events(execution)).extracting(event -> event.get("type"))
                    .containsExactly("mc.task-execution.requested.v1", "mc.task-execution.dispatched.v1");
        }
        assertThat(stub.executeRequests()).hasSize(2);
        assertThat(stub.executeRequests().get(0).getBodyAsString())
                .contains("\"parameters\":{", "\"mode\":\"fast\"", "\"depth\":3", task.toString());
        assertThat(other.executeRequests()).isEmpty();
    }

    @Test
    void failsAnExecutionOnAnUnhealthyGatewayWithDispatchsReason() {
        stub.unhealthy();
        String sick = (String) api.register("sick", stub.url(), null, List.of()).get("id");
        String fine = (String) api.register("fine", other.url(), null, List.of()).get("id");
        api.awaitHealth(sick, "unhealthy");
        api.awaitHealth(fine, "healthy");
        UUID task = api.task("Not here", api.agent("runner", List.of()), kafka);

        String execution = execute(sick, Map.of("task_id", task.toString()));
        assertThat(decided(execution)).containsEntry("status", "failed")
                .containsEntry("reason", "no_runtime_available");
        assertThat(other.executeRequests()).isEmpty();
    }

    @Test
    void failsAnExecutionWhoseAgentCannotWork() {
        String gateway = (String) api.register("gw", stub.url(), null, List.of()).get("id");
        api.awaitHealth(gateway, "healthy");
        UUID agent = api.agent("resting", List.of());
        api.agentAction(agent, "retire");
        UUID task = api.task("For a retired agent", agent, kafka);

        assertThat(decided(execute(gateway, Map.of("task_id", task.toString()))))
                .containsEntry("status", "failed").containsEntry("reason", "agent_not_dispatchable");
        assertThat(stub.executeRequests()).isEmpty();
    }

    @Test
    void refusesTasksItDoesNotKnowInTheGatewaysOrganization() {
        String gateway = (String) api.register("gw", stub.url(), null, List.of()).get("id");
        RuntimesApi elsewhere = new RuntimesApi(http, db, kafka);
        UUID foreignTask = elsewhere.task("Theirs", elsewhere.agent("theirs", List.of()), kafka);

        for (UUID task : List.of(UUID.randomUUID(), foreignTask)) {
            http.post().uri("/api/gateways/{id}/execute", gateway).headers(h -> h.setBearerAuth(TestTokens.admin()))
                    .bodyValue(Map.of("task_id", task.toString())).exchange()
                    .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("unknown_reference")
                    .jsonPath("$.errors[0].field").isEqualTo("task_id");
        }
        UUID unassigned = api.task("Nobody's", null, kafka);
        http.post().uri("/api/gateways/{id}/execute", gateway).headers(h -> h.setBearerAuth(TestTokens.admin()))
                .bodyValue(Map.of("task_id", unassigned.toString())).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("task_unassigned");
        http.post().uri("/api/gateways/{id}/execute", gateway).headers(h -> h.setBearerAuth(TestTokens.admin()))
                .bodyValue(Map.of("task_id", "nope")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_field");
        http.post().uri("/api/gateways/{id}/execute", gateway).headers(h -> h.setBearerAuth(TestTokens.admin()))
                .bodyValue(Map.of("task_id", unassigned.toString(), "parameters", List.of(1))).exchange()
                .expectStatus().isBadRequest();
        assertThat(db.sql("SELECT count(*) FROM execution WHERE organization_id = :org")
                .bind("org", api.organization).map(row -> row.get(0, Long.class)).one().block()).isZero();
    }

    @Test
    void letsOnlyMembersAndTheTasksOwnAgentExecute() {
        String gateway = (String) api.register("gw", stub.url(), null, List.of()).get("id");
        UUID agent = api.agent("owner", List.of());
        UUID task = api.task("Mine", agent, kafka);
        Map<String, Object> body = Map.of("task_id", task.toString());

        http.post().uri("/api/gateways/{id}/execute", gateway)
                .headers(h -> h.setBearerAuth(TestTokens.agent(UUID.randomUUID(), api.organization, "tasks:write")))
                .bodyValue(body).exchange().expectStatus().isForbidden();
        http.post().uri("/api/gateways/{id}/execute", gateway)
                .headers(h -> h.setBearerAuth(TestTokens.agent(agent, UUID.randomUUID(), "tasks:write")))
                .bodyValue(body).exchange().expectStatus().isNotFound();
        http.post().uri("/api/gateways/{id}/execute", gateway)
                .headers(h -> h.setBearerAuth(TestTokens.agent(agent, api.organization, "tasks:write")))
                .bodyValue(body).exchange().expectStatus().isAccepted();
        http.post().uri("/api/gateways/{id}/execute", UUID.randomUUID())
                .headers(h -> h.setBearerAuth(TestTokens.admin()))
                .bodyValue(body).exchange().expectStatus().isNotFound();
    }

    private String execute(String gateway, Map<String, Object> body) {
        return (String) http.post().uri("/api/gateways/{id}/execute", gateway)
                .headers(h -> h.setBearerAuth(TestTokens.admin())).bodyValue(body).exchange()
                .expectStatus().isAccepted().expectBody(MAP).returnResult().getResponseBody().get("execution_id");
    }

    private Map<String, Object> get(String uri) {
        return http.get().uri(uri).headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    private Map<String, Object> decided(String execution) {
        await().atMost(RuntimesApi.PATIENCE).until(() -> !"requested".equals(api.execution(execution).get("status")));
        return api.execution(execution);
    }
}

package io.missioncontrol.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.credential.AgentScopes;
import io.missioncontrol.contracts.task.TaskApprovalRequested;
import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Approval requests, decisions, expiry, waiting and execution on approval, against real Kafka and PostgreSQL. */
@ServiceTest
class ApprovalsIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient http;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    DatabaseClient db;

    private Fleet fleet;
    private UUID organization;
    private UUID board;
    private UUID robot;
    private String robotToken;

    @BeforeEach
    void freshOrganization() {
        fleet = new Fleet(kafka, db);
        organization = fleet.organization(Map.of());
        board = UUID.randomUUID();
        robot = UUID.randomUUID();
        robotToken = TestTokens.agent(robot, organization, AgentScopes.APPROVALS_REQUEST, AgentScopes.TASKS_READ);
    }

    private Map<String, Object> deploy(UUID task) {
        Map<String, Object> body = new HashMap<>();
        body.put("task_id", task.toString());
        body.put("action", "deploy_to_production");
        body.put("reason", "Staging is green");
        body.put("confidence", 87);
        body.put("rubric_scores", Map.of("tests", 0.95, "risk", 0.2));
        body.put("metadata", Map.of("build", 42, "commit", "abc123"));
        return body;
    }

    private WebTestClient.ResponseSpec post(String token, Map<String, Object> body) {
        return http.post().uri("/api/approvals").headers(h -> h.setBearerAuth(token)).bodyValue(body).exchange();
    }

    private Map<String, Object> request(String token, Map<String, Object> body) {
        return post(token, body).expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec decide(String token, Object id, String status, String comment) {
        Map<String, Object> body = new HashMap<>();
        body.put("status", status);
        body.put("comment", comment);
        return http.patch().uri("/api/approvals/" + id).headers(h -> h.setBearerAuth(token)).bodyValue(body)
                .exchange();
    }

    private Map<String, Object> get(String token, Object id) {
        return http.get().uri("/api/approvals/" + id).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
    }

    @Test
    void anAgentRequestsAnApprovalForItsTask() {
        UUID task = fleet.task(organization, board, "Ship 1.4", robot);

        Map<String, Object> approval = request(robotToken, deploy(task));

        assertThat(approval.get("status")).isEqualTo("pending");
        assertThat(approval.get("requested_by")).isEqualTo(robot.toString());
        assertThat(approval.get("requester_type")).isEqualTo("agent");
        assertThat(approval.get("organization_id")).isEqualTo(organization.toString());
        assertThat(approval.get("board_id")).isEqualTo(board.toString());
        assertThat(approval.get("task_ids")).isEqualTo(List.of(task.toString()));
        assertThat(approval.get("confidence")).isEqualTo(87);
        assertThat(approval.get("rubric_scores")).isEqualTo(Map.of("tests", 0.95, "risk", 0.2));
        assertThat(approval.get("metadata")).isEqualTo(Map.of("build", 42, "commit", "abc123"));
        assertThat(approval.get("quorum")).isEqualTo(1);
        assertThat(approval.get("approver_roles")).isEqualTo(List.of("owner", "admin"));
        assertThat(fleet.eventTypes(approval.get("id"))).containsExactly("mc.approval.requested.v1");
    }

    @Test
    void refusesASecondPendingRequestOnTheSameTask() {
        UUID task = fleet.task(organization, board, "Ship 1.4", robot);
        Map<String, Object> first = request(robotToken, deploy(task));

        post(TestTokens.admin(), deploy(task)).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.code").isEqualTo("approval_pending")
                .jsonPath("$.approval_ids[0]").isEqualTo(first.get("id"))
                .jsonPath("$.task_ids[0]").isEqualTo(task.toString());

        decide(robotToken, first.get("id"), "cancelled", "superseded").expectStatus().isOk();
        assertThat(request(TestTokens.admin(), deploy(task)).get("status")).isEqualTo("pending");
    }

    @Test
    void refusesTasksItDoesNotKnowOrThatAreAnotherOrganizations() {
        UUID theirs = fleet.task(UUID.randomUUID(), UUID.randomUUID(), "Not yours", null);

        post(robotToken, deploy(UUID.randomUUID())).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.code").isEqualTo("unknown_reference");
        post(robotToken, deploy(theirs)).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.code").isEqualTo("unknown_reference");
    }

    @Test
    void refusesARequestSpanningBoardsButOnlyToThoseWhoMayAsk() {
        UUID here = fleet.task(organization, board, "Here", robot);
        UUID there = fleet.task(organization, UUID.randomUUID(), "There", robot);
        Map<String, Object> body = deploy(here);
        body.put("task_ids", List.of(there.toString()));

        post(robotToken, body).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.code").isEqualTo("tasks_span_boards");
        post(TestTokens.agent(UUID.randomUUID(), UUID.randomUUID(), AgentScopes.APPROVALS_REQUEST), body)
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("unknown_reference");
    }

    @Test
    void refusesAnAgentKeyWithoutTheScope() {
        UUID task = fleet.task(organization, board, "Ship 1.4", robot);

        post(TestTokens.agent(robot, organization, AgentScopes.TASKS_WRITE), deploy(task))
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("insufficient_scope");
    }

    @Test
    void validatesTheRequest() {
        Map<String, Object> body = deploy(UUID.randomUUID());
        body.put("confidence", 101);
        body.remove("reason");
        post(robotToken, body).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.code").isEqualTo("validation_failed")
                .jsonPath("$.errors[0].field").isEqualTo("confidence")
                .jsonPath("$.errors[1].field").isEqualTo("reason");

        Map<String, Object> noTasks = deploy(UUID.randomUUID());
        noTasks.remove("task_id");
        post(robotToken, noTasks).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("task_ids");

        Map<String, Object> past = deploy(UUID.randomUUID());
        past.put("expires_at", Instant.now().minusSeconds(5).toString());
        post(robotToken, past).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("expires_at");
    }

    @Test
    void agentsNeverDecide() {
        UUID task = fleet.task(organization, board, "Ship 1.4", robot);
        Map<String, Object> approval = request(TestTokens.admin(), deploy(task));

        decide(robotToken, approval.get("id"), "approved", "I approve myself").expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("agents_cannot_decide");
        assertThat(get(robotToken, approval.get("id")).get("status")).isEqualTo("pending");
    }

    @Test
    void theRequesterNeverApprovesTheirOwnRequest() {
        UUID task = fleet.task(organization, board, "Ship 1.4", robot);
        Map<String, Object> approval = request(TestTokens.admin(), deploy(task));

        decide(TestTokens.admin(), approval.get("id"), "approved", "mine").expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("self_approval");
    }

    @Test
    void anApproverCountsOnce() {
        policy(Map.of("quorum", 2));
        UUID task = fleet.task(organization, board, "Ship 1.4", robot);
        Object id = request(robotToken, deploy(task)).get("id");

        decide(TestTokens.admin(), id, "approved", "ok").expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("pending")
                .jsonPath("$.approvals").isEqualTo(1);
        decide(TestTokens.admin(), id, "approved", "ok again").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.code").isEqualTo("already_voted");

        assertThat(get(TestTokens.admin(), id).get("status")).isEqualTo("pending");
        assertThat(fleet.eventTypes(id)).containsExactly("mc.approval.requested.v1", "mc.approval.vote-recorded.v1");
    }

    @Test
    void decidedRequestsAreFinal() {
        UUID task = fleet.task(organization, board, "Ship 1.4", robot);
        Object id = request(robotToken, deploy(task)).get("id");

        decide(TestTokens.admin(), id, "rejected", "not on a Friday").expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("rejected")
                .jsonPath("$.closed_by").isEqualTo("admin")
                .jsonPath("$.history[1].event").isEqualTo("rejected")
                .jsonPath("$.history[1].comment").isEqualTo("not on a Friday");
        decide(TestTokens.admin(), id, "approved", null).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.code").isEqualTo("approval_already_decided");
        decide(robotToken, id, "cancelled", null).expectStatus().isEqualTo(409);
        assertThat(fleet.eventTypes(id)).containsExactly("mc.approval.requested.v1", "mc.approval.decided.v1");
    }

    @Test
    void expiresPendingRequestsAtTheirDeadline() {
        UUID task = fleet.task(organization, board, "Ship 1.4", robot);
        Map<String, Object> body = deploy(task);
        body.put("expires_at", Instant.now().plusSeconds(2).toString());
        Object id = request(robotToken, body).get("id");

        await().atMost(Duration.ofSeconds(10)).until(() -> fleet.eventTypes(id).contains("mc.approval.expired.v1"));

        Map<String, Object> expired = get(robotToken, id);
        assertThat(expired.get("status")).isEqualTo("expired");
        assertThat(Duration.between(Instant.parse((String) expired.get("expires_at")),
                Instant.parse((String) expired.get("closed_at")))).isLessThan(Duration.ofSeconds(3));
        decide(TestTokens.admin(), id, "approved", null).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.code").isEqualTo("approval_expired");
        // the task is free for a new request
        assertThat(request(robotToken, deploy(task)).get("status")).isEqualTo("pending");
    }

    @Test
    void aWaitingReadAnswersAsSoonAsTheRequestIsDecided() {
        UUID task = fleet.task(organization, board, "Ship 1.4", robot);
        Object id = request(robotToken, deploy(task)).get("id");

        long started = System.nanoTime();
        CompletableFuture<Map<String, Object>> waiting = CompletableFuture.supplyAsync(() -> http.mutate()
                .responseTimeout(Duration.ofSeconds(40)).build()
                .get().uri("/api/approvals/" + id + "?wait=30s").headers(h -> h.setBearerAuth(robotToken))
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody());
        await().pollDelay(Duration.ofMillis(500)).atMost(Fleet.PATIENCE).until(() -> true);
        assertThat(waiting).isNotDone();
        decide(TestTokens.admin(), id, "approved", "go").expectStatus().isOk();

        Map<String, Object> answered = waiting.join();
        assertThat(answered.get("status")).isEqualTo("approved");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aWaitingReadOfASettledRequestAnswersAtOnceAndGarbageIsRefused() {
        UUID task = fleet.task(organization, board, "Ship 1.4", robot);
        Object id = request(robotToken, deploy(task)).get("id");
        decide(robotToken, id, "cancelled", null).expectStatus().isOk();

        assertThat(http.get().uri("/api/approvals/" + id + "?wait=30s").headers(h -> h.setBearerAuth(robotToken))
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody().get("status"))
                .isEqualTo("cancelled");
        http.get().uri("/api/approvals/" + id + "?wait=forever").headers(h -> h.setBearerAuth(robotToken))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_wait");
    }

    @Test
    void anotherOrganizationsApprovalIsNotFound() {
        UUID task = fleet.task(organization, board, "Ship 1.4", robot);
        Object id = request(robotToken, deploy(task)).get("id");
        String stranger = TestTokens.agent(UUID.randomUUID(), UUID.randomUUID(), AgentScopes.APPROVALS_REQUEST,
                AgentScopes.TASKS_READ);

        http.get().uri("/api/approvals/" + id).headers(h -> h.setBearerAuth(stranger)).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("not_found");
        decide(stranger, id, "cancelled", null).expectStatus().isNotFound();
        http.get().uri("/api/approvals/" + UUID.randomUUID()).headers(h -> h.setBearerAuth(robotToken)).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void executesTheTasksOnApprovalWhenAsked() {
        UUID worker = fleet.agent(organization, List.of("kubectl", "helm"));
        UUID task = fleet.task(organization, board, "Roll out 1.4", worker);
        Map<String, Object> body = deploy(task);
        body.put("execute_on_approval", true);
        Object id = request(robotToken, body).get("id");

        decide(TestTokens.admin(), id, "approved", "go").expectStatus().isOk();

        assertThat(fleet.events("mc.task-execution.requested.v1")).filteredOn(data -> data.contains(id.toString()))
                .singleElement().satisfies(data -> assertThat(data)
                        .contains("\"task_id\": \"" + task + "\"")
                        .contains("\"agent_id\": \"" + worker + "\"")
                        .contains("\"required_capabilities\": [\"kubectl\", \"helm\"]"));
    }

    @Test
    void aPolicyRejectsLowConfidenceAtOnce() {
        policy(Map.of("action_pattern", "deploy_*", "auto_reject_below", 90));
        UUID task = fleet.task(organization, board, "Ship 1.4", robot);

        Map<String, Object> approval = request(robotToken, deploy(task));

        assertThat(approval.get("status")).isEqualTo("rejected");
        assertThat(approval.get("closed_by")).isEqualTo("policy");
        assertThat(fleet.eventTypes(approval.get("id")))
                .containsExactly("mc.approval.requested.v1", "mc.approval.decided.v1");
    }

    @Test
    void aGatedTaskGetsItsApprovalFromTaskServicesRequest() {
        UUID task = fleet.task(organization, board, "Close the sprint", null);

        fleet.publish(new TaskApprovalRequested(task, board, organization, "Close the sprint", "auth0|erin",
                "complete_task", 3), "task-service");

        await().atMost(Fleet.PATIENCE).until(() -> !items("task_id=" + task).isEmpty());
        Map<String, Object> approval = items("task_id=" + task).get(0);
        assertThat(approval.get("action")).isEqualTo("complete_task");
        assertThat(approval.get("requested_by")).isEqualTo("auth0|erin");
        assertThat(approval.get("status")).isEqualTo("pending");
        // a second request while it is pending is absorbed
        UUID again = fleet.publish(new TaskApprovalRequested(task, board, organization, "Close the sprint",
                "auth0|erin", "complete_task", 3), "task-service");
        await().atMost(Fleet.PATIENCE).until(() -> fleet.handled("approval-task-requests", again));
        post(TestTokens.admin(), deploy(task)).expectStatus().isEqualTo(409);
        assertThat(items("task_id=" + task)).hasSize(1);
    }

    @Test
    void listsPendingFirstWithFiltersAndPages() {
        UUID first = fleet.task(organization, board, "One", robot);
        UUID second = fleet.task(organization, board, "Two", robot);
        UUID third = fleet.task(organization, UUID.randomUUID(), "Three", robot);
        Object settled = request(robotToken, deploy(first)).get("id");
        decide(TestTokens.admin(), settled, "approved", null).expectStatus().isOk();
        Object pending = request(robotToken, deploy(second)).get("id");
        Object elsewhere = request(robotToken, deploy(third)).get("id");

        assertThat(items("").stream().map(item -> item.get("id")).toList())
                .containsExactly(elsewhere, pending, settled);
        assertThat(items("status=approved").stream().map(item -> item.get("id")).toList()).containsExactly(settled);
        assertThat(items("board_id=" + board).stream().map(item -> item.get("id")).toList())
                .containsExactly(pending, settled);

        var page = http.get().uri("/api/approvals?organization_id=" + organization + "&limit=2")
                .headers(h -> h.setBearerAuth(robotToken)).exchange().expectStatus().isOk().expectBody(JSON)
                .returnResult().getResponseBody();
        assertThat(page.get("next_cursor")).isNotNull();
        var rest = http.get().uri("/api/approvals?organization_id=" + organization + "&limit=2&cursor="
                        + page.get("next_cursor"))
                .headers(h -> h.setBearerAuth(robotToken)).exchange().expectStatus().isOk().expectBody(JSON)
                .returnResult().getResponseBody();
        assertThat(((List<?>) rest.get("items"))).hasSize(1);
        assertThat(rest.get("next_cursor")).isNull();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(String filter) {
        return (List<Map<String, Object>>) http.get()
                .uri("/api/approvals?organization_id=" + organization + (filter.isEmpty() ? "" : "&" + filter))
                .headers(h -> h.setBearerAuth(TestTokens.admin())).exchange().expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody().get("items");
    }

    private void policy(Map<String, Object> terms) {
        Map<String, Object> body = new HashMap<>(terms);
        body.put("organization_id", organization.toString());
        http.post().uri("/api/approvals/policies").headers(h -> h.setBearerAuth(TestTokens.admin())).bodyValue(body)
                .exchange().expectStatus().isCreated();
    }
}

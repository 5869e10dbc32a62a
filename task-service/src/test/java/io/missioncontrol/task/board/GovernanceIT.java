package io.missioncontrol.task.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.approval.ApprovalCancelled;
import io.missioncontrol.contracts.approval.ApprovalDecided;
import io.missioncontrol.contracts.approval.ApprovalExpired;
import io.missioncontrol.contracts.approval.ApprovalRequested;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every governance flag through task-service's HTTP API, and approval decisions arriving over Kafka. */
@ServiceTest
class GovernanceIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient http;
    @Autowired
    DatabaseClient db;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    private String admin = TestTokens.admin();
    private String organization;
    private String group;

    private String board(Map<String, ?> flags) {
        organization();
        var body = new HashMap<String, Object>(Map.of("board_group_id", group, "name", "Board"));
        body.putAll(flags);
        return id(call(admin, "POST", "/api/boards", body, null));
    }

    /** This test's organization and board group, made on first use. */
    private String organization() {
        if (organization == null) {
            organization = id(call(admin, "POST", "/api/organizations", Map.of("name", "Org " + UUID.randomUUID()), null));
            group = id(call(admin, "POST", "/api/board-groups", Map.of("organization_id", organization, "name", "G"),
                    null));
        }
        return organization;
    }

    private String task(String board, Map<String, ?> fields) {
        var body = new HashMap<String, Object>(Map.of("board_id", board, "title", "Task"));
        body.putAll(fields);
        return id(call(admin, "POST", "/api/tasks", body, null));
    }

    private EntityExchangeResult<Map<String, Object>> move(String token, String task, String status) {
        return call(token, "PATCH", "/api/tasks/" + task, Map.of("status", status), null);
    }

    private void walk(String task, String... statuses) {
        for (String status : statuses) {
            assertThat(move(admin, task, status).getStatus().value()).as(status).isEqualTo(200);
        }
    }

    @Test
    void boardFlagsAreSetOnCreationAndChangedWithIfMatchByAdmins() {
        String board = board(Map.of("require_approval_for_done", true, "max_agents", 2));
        var read = call(admin, "GET", "/api/boards/" + board, null, null);
        assertThat(read.getResponseBody()).containsEntry("require_approval_for_done", true).containsEntry("max_agents", 2)
                .containsEntry("only_lead_can_change_status", false);
        String etag = read.getResponseHeaders().getETag();
        assertThat(etag).isEqualTo("\"" + read.getResponseBody().get("version") + "\"");

        var patched = call(admin, "PATCH", "/api/boards/" + board,
                Map.of("name", "Renamed", "max_agents", 3, "comment_required_for_review", true), etag);
        assertThat(patched.getStatus().value()).isEqualTo(200);
        assertThat(patched.getResponseBody()).containsEntry("name", "Renamed").containsEntry("max_agents", 3)
                .containsEntry("comment_required_for_review", true);
        assertThat(patched.getResponseHeaders().getETag()).isNotEqualTo(etag);

        var stale = call(admin, "PATCH", "/api/boards/" + board, Map.of("name", "Again"), etag);
        assertThat(stale.getStatus().value()).isEqualTo(409);
        assertThat(stale.getResponseBody()).containsEntry("code", "version_conflict");

        var invalid = call(admin, "PATCH", "/api/boards/" + board, Map.of("max_agents", 0), null);
        assertThat(invalid.getStatus().value()).isEqualTo(422);

        String agent = TestTokens.agent(UUID.randomUUID(), UUID.fromString(organization), "tasks:write");
        assertThat(call(agent, "PATCH", "/api/boards/" + board, Map.of("name", "Mine"), null).getStatus().value())
                .isEqualTo(403);

        assertThat(outbox(board, "mc.board.updated.v1"))
                .singleElement().asString()
                .contains("\"changed_fields\": [\"name\", \"comment_required_for_review\", \"max_agents\"]");
    }

    @Test
    void reviewNeedsACommentWhenTheBoardRequiresOne() {
        String task = task(board(Map.of("comment_required_for_review", true)), Map.of());
        walk(task, "in_progress");
        assertThat(code(move(admin, task, "review"))).isEqualTo("comment_required");
        call(admin, "POST", "/api/tasks/" + task + "/comments", Map.of("body", "Ready for a look"), null);
        walk(task, "review");
    }

    @Test
    void doneNeedsReviewEvenForATaskCreatedDone() {
        String board = board(Map.of("require_review_before_done", true));
        var created = call(admin, "POST", "/api/tasks", Map.of("board_id", board, "title", "Imported", "status", "done"),
                null);
        assertThat(code(created)).isEqualTo("review_required");
        String task = task(board, Map.of());
        walk(task, "in_progress", "review", "done");
    }

    @Test
    void onlyTheLeadAgentOrAnAdminChangesStatusesWhenTheBoardSaysSo() {
        UUID lead = knownAgent();
        UUID worker = knownAgent();
        String board = board(Map.of("only_lead_can_change_status", true, "lead_agent_id", lead.toString()));
        String task = task(board, Map.of("assigned_agent_id", worker.toString()));
        String other = TestTokens.agent(worker, UUID.fromString(organization), "tasks:write");
        String leader = TestTokens.agent(lead, UUID.fromString(organization), "tasks:write");

        assertThat(code(move(other, task, "in_progress"))).as("even on its own task").isEqualTo("lead_only");
        // Other changes stay open to the people who may make them.
        assertThat(call(admin, "PATCH", "/api/tasks/" + task, Map.of("title", "Renamed"), null).getStatus().value())
                .isEqualTo(200);
        assertThat(move(leader, task, "in_progress").getStatus().value()).as("the lead moves any task of its board")
                .isEqualTo(200);
        assertThat(move(admin, task, "review").getStatus().value()).isEqualTo(200);
    }

    @Test
    void assignmentsStayWithinTheBoardsAgentLimit() {
        String board = board(Map.of("max_agents", 1));
        String first = knownAgent().toString();
        String second = knownAgent().toString();
        task(board, Map.of("assigned_agent_id", first));
        String task = task(board, Map.of());

        var refused = call(admin, "PATCH", "/api/tasks/" + task, Map.of("assigned_agent_id", second), null);
        assertThat(code(refused)).isEqualTo("max_agents_reached");
        assertThat(code(call(admin, "POST", "/api/tasks", Map.of("board_id", board, "title", "T",
                "assigned_agent_id", second), null))).isEqualTo("max_agents_reached");
        assertThat(call(admin, "PATCH", "/api/tasks/" + task, Map.of("assigned_agent_id", first), null)
                .getStatus().value()).isEqualTo(200);
    }

    @Test
    void completingNeedsAnApprovalThatIsRequestedOnceAndGrantedOverKafka() {
        String task = task(board(Map.of("require_approval_for_done", true,
                "block_status_changes_with_pending_approval", true)), Map.of());
        walk(task, "in_progress", "review");

        assertThat(code(move(admin, task, "done"))).isEqualTo("approval_required");
        // While the approval is pending the status is frozen, and retrying requests nothing more.
        assertThat(code(move(admin, task, "done"))).isEqualTo("status_frozen_pending_approval");
        assertThat(code(move(admin, task, "in_progress"))).isEqualTo("status_frozen_pending_approval");
        assertThat(outbox(task, "mc.task.approval-requested.v1")).singleElement().asString()
                .contains("\"action\": \"complete_task\"").contains("\"requested_by\": \"admin\"");

        assertThat(call(admin, "GET", "/api/tasks/" + task + "/approval", null, null).getResponseBody())
                .containsEntry("state", "pending");
        assertThat(call(admin, "GET", "/api/tasks/" + task, null, null).getResponseBody())
                .containsEntry("approval_state", "pending");

        decide(task, "approved");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(move(admin, task, "done").getStatus().value()).isEqualTo(200));
        assertThat(call(admin, "GET", "/api/tasks/" + task + "/approval", null, null).getResponseBody())
                .containsEntry("state", "approved").containsEntry("decided_by", "approver");
        assertThat(call(admin, "GET", "/api/tasks/" + task, null, null).getResponseBody())
                .containsEntry("approval_state", "approved");
    }

    @Test
    void aRejectedApprovalIsRequestedAgainOnTheNextAttempt() {
        String task = task(board(Map.of("require_approval_for_done", true)), Map.of());
        walk(task, "in_progress", "review");
        assertThat(code(move(admin, task, "done"))).isEqualTo("approval_required");
        assertThat(code(move(admin, task, "done"))).isEqualTo("approval_required");
        assertThat(outbox(task, "mc.task.approval-requested.v1")).hasSize(1);

        decide(task, "rejected");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(approvalState(task)).isEqualTo("rejected"));
        assertThat(code(move(admin, task, "done"))).isEqualTo("approval_required");
        assertThat(outbox(task, "mc.task.approval-requested.v1")).hasSize(2);
    }

    @Test
    void anApprovalRequestedAtTheApprovalServiceFreezesTheTaskUntilItIsCancelled() {
        String task = task(board(Map.of("block_status_changes_with_pending_approval", true)), Map.of());
        walk(task, "in_progress");
        UUID approval = UUID.randomUUID();

        publish(new ApprovalRequested(approval, UUID.fromString(organization), null, List.of(UUID.fromString(task)),
                "deploy_to_production", "Ship it", 80, "robot", 1, null, 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(approvalState(task)).isEqualTo("pending"));
        assertThat(code(move(admin, task, "review"))).isEqualTo("status_frozen_pending_approval");

        publish(new ApprovalCancelled(approval, UUID.fromString(organization), List.of(UUID.fromString(task)), "robot",
                null, 2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(approvalState(task)).isNull());
        assertThat(move(admin, task, "review").getStatus().value()).isEqualTo(200);
    }

    @Test
    void anExpiredApprovalIsWithdrawnSoTheNextCompletionAsksAgain() {
        String task = task(board(Map.of("require_approval_for_done", true)), Map.of());
        walk(task, "in_progress", "review");
        assertThat(code(move(admin, task, "done"))).isEqualTo("approval_required");
        UUID approval = UUID.randomUUID();
        publish(new ApprovalRequested(approval, UUID.fromString(organization), null, List.of(UUID.fromString(task)),
                "complete_task", "Task completion needs approval", 100, "admin", 1, null, 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(approvalId(task)).isEqualTo(approval));

        publish(new ApprovalExpired(approval, UUID.fromString(organization), List.of(UUID.fromString(task)),
                java.time.Instant.now(), 2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(approvalState(task)).isNull());
        assertThat(code(move(admin, task, "done"))).isEqualTo("approval_required");
        assertThat(outbox(task, "mc.task.approval-requested.v1")).hasSize(2);
    }

    @Test
    void anotherOrganizationsApprovalEventsTouchNothing() {
        String task = task(board(Map.of("block_status_changes_with_pending_approval", true)), Map.of());
        publish(new ApprovalRequested(UUID.randomUUID(), UUID.randomUUID(), null, List.of(UUID.fromString(task)),
                "deploy_to_production", "Not yours", 80, "intruder", 1, null, 1));
        // a marker event of this organization, published after, tells when the foreign one has been handled
        UUID marker = UUID.randomUUID();
        String other = task(board(Map.of()), Map.of());
        publish(new ApprovalRequested(marker, UUID.fromString(organization), null, List.of(UUID.fromString(other)),
                "deploy_to_production", "Marker", 80, "robot", 1, null, 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(approvalId(other)).isEqualTo(marker));
        assertThat(approvalState(task)).isNull();
    }

    private void publish(io.missioncontrol.contracts.DomainEvent data) {
        var event = EventCodec.cloudEvent(UUID.randomUUID(), data.eventType().name(), "/approval-service",
                data.subject().toString(), OffsetDateTime.now(), data.tenant(), new Actor("system", "approval-service"),
                data.aggregateVersion(), EventCodec.toJson(data));
        kafka.send(EventCodec.toRecord(data.eventType().topic(), event)).join();
    }

    private UUID approvalId(String task) {
        return db.sql("SELECT approval_id FROM task_approval WHERE task_id = :task").bind("task", UUID.fromString(task))
                .map((row, meta) -> java.util.Optional.ofNullable(row.get("approval_id", UUID.class)))
                .one().defaultIfEmpty(java.util.Optional.empty()).block(Duration.ofSeconds(10)).orElse(null);
    }

    private void decide(String task, String status) {
        UUID approval = UUID.randomUUID();
        ApprovalDecided decided = new ApprovalDecided(approval, UUID.fromString(organization),
                List.of(UUID.fromString(task)), status, "approver", null, 1);
        var event = EventCodec.cloudEvent(UUID.randomUUID(), ApprovalDecided.TYPE.name(), "/approval-service",
                approval.toString(), OffsetDateTime.now(), UUID.fromString(organization), new Actor("user", "approver"),
                1, EventCodec.toJson(decided));
        kafka.send(EventCodec.toRecord(Topics.APPROVALS, event)).join();
    }

    private String approvalState(String task) {
        return db.sql("SELECT state FROM task_approval WHERE task_id = :task").bind("task", UUID.fromString(task))
                .map((row, meta) -> row.get("state", String.class)).one().block(Duration.ofSeconds(10));
    }

    private List<String> outbox(String subject, String type) {
        return db.sql("SELECT data::text AS data FROM mc_outbox WHERE subject = :subject AND type = :type ORDER BY seq")
                .bind("subject", subject).bind("type", type)
                .map((row, meta) -> row.get("data", String.class))
                .all().collectList().block(Duration.ofSeconds(10));
    }

    private EntityExchangeResult<Map<String, Object>> call(String token, String method, String path, Object body,
                                                           String ifMatch) {
        var request = http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .headers(headers -> {
                    headers.setBearerAuth(token);
                    if (ifMatch != null) {
                        headers.set(HttpHeaders.IF_MATCH, ifMatch);
                    }
                });
        var exchange = body == null ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
        return exchange.expectBody(JSON_MAP).returnResult();
    }

    private static String id(EntityExchangeResult<Map<String, Object>> result) {
        assertThat(result.getStatus().value()).as(String.valueOf(result.getResponseBody())).isEqualTo(201);
        return (String) result.getResponseBody().get("id");
    }

    private static String code(EntityExchangeResult<Map<String, Object>> result) {
        return String.valueOf(result.getResponseBody().get("code"));
    }

    /** An agent task-service knows in this organization, as if registry-service had announced it. */
    private UUID knownAgent() {
        UUID agent = UUID.randomUUID();
        db.sql("""
                        INSERT INTO known_agent (id, organization_id, name, status, version, updated_at)
                        VALUES (:id, :organization, 'test agent', 'active', 0, now())""")
                .bind("id", agent)
                .bind("organization", UUID.fromString(organization()))
                .then().block();
        return agent;
    }
}

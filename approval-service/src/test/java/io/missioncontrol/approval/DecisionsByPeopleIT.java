package io.missioncontrol.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.credential.AgentScopes;
import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;

/** People decide: by role and policy, once each, never their own, concurrently exactly once; outsiders see nothing. */
@ServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionsByPeopleIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> MESSAGE =
            new ParameterizedTypeReference<>() {
            };

    @Autowired
    WebTestClient http;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    DatabaseClient db;

    private final ExecutorService approvers = Executors.newFixedThreadPool(2);
    private Fleet fleet;
    private UUID organization;
    private UUID board;
    private String suffix;

    @BeforeEach
    void freshOrganization() {
        fleet = new Fleet(kafka, db);
        suffix = "-" + UUID.randomUUID();
        organization = fleet.organization(Map.of("alice" + suffix, "owner", "bob" + suffix, "admin",
                "carol" + suffix, "admin", "vera" + suffix, "viewer", "mike" + suffix, "member"));
        board = UUID.randomUUID();
    }

    @AfterAll
    void stopApprovers() {
        approvers.shutdownNow();
    }

    private String token(String person) {
        return TestTokens.user(person + suffix);
    }

    private Object request(String token) {
        UUID task = fleet.task(organization, board, "Ship", null);
        Map<String, Object> body = Map.of("task_id", task.toString(), "action", "deploy_to_production",
                "reason", "Green", "confidence", 80);
        return http.post().uri("/api/approvals").headers(h -> h.setBearerAuth(token)).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody().get("id");
    }

    private WebTestClient.ResponseSpec decide(String token, Object id, String status) {
        return http.patch().uri("/api/approvals/" + id).headers(h -> h.setBearerAuth(token))
                .bodyValue(Map.of("status", status, "comment", "by " + status)).exchange();
    }

    private void policy(Map<String, Object> terms) {
        Map<String, Object> body = new HashMap<>(terms);
        body.put("organization_id", organization.toString());
        http.post().uri("/api/approvals/policies").headers(h -> h.setBearerAuth(token("alice"))).bodyValue(body)
                .exchange().expectStatus().isCreated();
    }

    @Test
    void aQuorumOfTwoNeedsTwoDifferentApprovers() {
        policy(Map.of("quorum", 2));
        Object id = request(token("mike"));

        decide(token("bob"), id, "approved").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("pending");
        decide(token("bob"), id, "approved").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.code").isEqualTo("already_voted");
        decide(token("carol"), id, "approved").expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("approved")
                .jsonPath("$.approvals").isEqualTo(2)
                .jsonPath("$.history[1].actor").isEqualTo("bob" + suffix)
                .jsonPath("$.history[2].actor").isEqualTo("carol" + suffix);
        assertThat(fleet.eventTypes(id)).containsExactly("mc.approval.requested.v1", "mc.approval.vote-recorded.v1",
                "mc.approval.decided.v1");
    }

    @Test
    void twoApproversAtOnceSettleARequestExactlyOnce() throws Exception {
        for (int quorum = 1; quorum <= 2; quorum++) {
            if (quorum == 2) {
                policy(Map.of("quorum", 2));
            }
            for (int round = 0; round < 3; round++) {
                Object id = request(token("mike"));
                var barrier = new CyclicBarrier(2);
                List<Future<Integer>> answers = new ArrayList<>();
                for (String approver : List.of("bob", "carol")) {
                    String token = token(approver);
                    answers.add(approvers.submit(() -> {
                        barrier.await();
                        return decide(token, id, "approved").returnResult(Map.class).getStatus().value();
                    }));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get());
                }

                assertThat(fleet.eventTypes(id)).as("quorum %d", quorum)
                        .filteredOn("mc.approval.decided.v1"::equals).hasSize(1);
                assertThat(http.get().uri("/api/approvals/" + id).headers(h -> h.setBearerAuth(token("vera")))
                        .exchange().expectBody(JSON).returnResult().getResponseBody().get("status"))
                        .isEqualTo("approved");
                // a quorum of one: the second is too late; a quorum of two: both count
                assertThat(statuses).as("quorum %d", quorum)
                        .containsExactlyInAnyOrderElementsOf(quorum == 1 ? List.of(200, 409) : List.of(200, 200));
            }
        }
    }

    @Test
    void theRequesterNeverApprovesTheirOwnRequest() {
        Object id = request(token("bob"));

        decide(token("bob"), id, "approved").expectStatus().isForbidden().expectBody()
                .jsonPath("$.code").isEqualTo("self_approval");
        decide(token("carol"), id, "approved").expectStatus().isOk();
    }

    @Test
    void onlyTheRolesOfThePolicyDecide() {
        Object byDefault = request(token("mike"));
        decide(token("vera"), byDefault, "approved").expectStatus().isForbidden().expectBody()
                .jsonPath("$.code").isEqualTo("approver_role_required");
        decide(token("mike"), byDefault, "rejected").expectStatus().isForbidden();

        policy(Map.of("approver_roles", List.of("owner")));
        Object ownersOnly = request(token("mike"));
        decide(token("bob"), ownersOnly, "approved").expectStatus().isForbidden().expectBody()
                .jsonPath("$.required_roles[0]").isEqualTo("owner");
        decide(token("alice"), ownersOnly, "approved").expectStatus().isOk();
    }

    @Test
    void viewersReadButNeitherRequestNorDecide() {
        Object id = request(token("mike"));
        UUID task = fleet.task(organization, board, "Other", null);

        http.get().uri("/api/approvals/" + id).headers(h -> h.setBearerAuth(token("vera"))).exchange()
                .expectStatus().isOk();
        http.post().uri("/api/approvals").headers(h -> h.setBearerAuth(token("vera")))
                .bodyValue(Map.of("task_id", task.toString(), "action", "x", "reason", "y", "confidence", 1))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void anOutsiderSeesNothing() {
        Object id = request(token("mike"));
        UUID task = fleet.task(organization, board, "Other", null);
        String olga = TestTokens.user("olga" + suffix);

        http.get().uri("/api/approvals/" + id).headers(h -> h.setBearerAuth(olga)).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("not_found");
        decide(olga, id, "approved").expectStatus().isNotFound();
        http.get().uri("/api/approvals?organization_id=" + organization).headers(h -> h.setBearerAuth(olga))
                .exchange().expectStatus().isNotFound();
        http.post().uri("/api/approvals").headers(h -> h.setBearerAuth(olga))
                .bodyValue(Map.of("task_id", task.toString(), "action", "x", "reason", "y", "confidence", 1))
                .exchange().expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.code").isEqualTo("unknown_reference");
    }

    @Test
    void theStreamPushesTheApprovalChangesOfTheCallersOrganizationsOnly() {
        UUID elsewhere = fleet.organization(Map.of("bob" + suffix, "admin"));
        UUID otherTask = fleet.task(elsewhere, UUID.randomUUID(), "Elsewhere", null);
        var seen = new CopyOnWriteArrayList<ServerSentEvent<Map<String, Object>>>();
        Disposable stream = http.mutate().responseTimeout(Fleet.PATIENCE).build()
                .get().uri("/api/approvals/stream").accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> h.setBearerAuth(token("vera"))).exchange()
                .expectStatus().isOk()
                .returnResult(MESSAGE).getResponseBody()
                .filter(message -> message.event() != null)
                .subscribe(seen::add);
        try {
            await().atMost(Fleet.PATIENCE).until(() -> seen.stream().anyMatch(m -> "ready".equals(m.event())));
            Object theirs = http.post().uri("/api/approvals").headers(h -> h.setBearerAuth(token("bob")))
                    .bodyValue(Map.of("task_id", otherTask.toString(), "action", "x", "reason", "y",
                            "confidence", 1))
                    .exchange().expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody()
                    .get("id");
            Object mine = request(token("mike"));
            decide(token("bob"), mine, "approved").expectStatus().isOk();

            await().atMost(Fleet.PATIENCE).until(() -> seen.stream()
                    .anyMatch(m -> "mc.approval.decided.v1".equals(m.event())));
            assertThat(seen).extracting(ServerSentEvent::event)
                    .containsExactly("ready", "mc.approval.requested.v1", "mc.approval.decided.v1");
            assertThat(seen.subList(1, seen.size())).allSatisfy(m -> {
                assertThat(m.data()).containsEntry("subject", mine.toString());
                assertThat(m.id()).startsWith("mc.approvals-");
            });
            assertThat(seen).noneMatch(m -> m.data() != null && theirs.toString().equals(m.data().get("subject")));
        } finally {
            stream.dispose();
        }
    }

    @Test
    void agentsOfTheOrganizationRequestWithTheirScope() {
        UUID robot = UUID.randomUUID();
        UUID task = fleet.task(organization, board, "Robot work", robot);
        String token = TestTokens.agent(robot, organization, AgentScopes.APPROVALS_REQUEST);

        http.post().uri("/api/approvals").headers(h -> h.setBearerAuth(token))
                .bodyValue(Map.of("task_id", task.toString(), "action", "deploy", "reason", "ready", "confidence", 70))
                .exchange().expectStatus().isCreated();
        http.get().uri("/api/approvals?organization_id=" + organization).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk();
    }

}

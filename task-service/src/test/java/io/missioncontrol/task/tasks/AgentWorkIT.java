package io.missioncontrol.task.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.agent.AgentRegistered;
import io.missioncontrol.contracts.agent.AgentRetired;
import io.missioncontrol.contracts.agent.AgentUpdated;
import io.missioncontrol.contracts.credential.AgentScopes;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Agents at work: the registry's events make agents known, tasks are assigned only to known agents of their
 * organization, and agents list, claim and move their own tasks and nothing else.
 */
@ServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentWorkIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int TASKS = 4;

    @Autowired
    WebTestClient http;
    @Autowired
    DatabaseClient db;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    private final ExecutorService claimers = Executors.newFixedThreadPool(2 * TASKS);
    private TaskApi api;

    @BeforeEach
    void freshOrganization() {
        api = new TaskApi(http);
    }

    @AfterAll
    void stopClaimers() {
        claimers.shutdownNow();
    }

    @Test
    void assignsTasksToKnownAgentsOfTheOrganization() {
        UUID welder = register(api.organization, "welder");
        UUID painter = register(api.organization, "painter");

        String task = api.task("Weld the frame", Map.of("assigned_agent_id", welder.toString()));
        Map<String, Object> handedOn = api.update(task, Map.of("assigned_agent_id", painter.toString()));

        assertThat(handedOn.get("assigned_agent_id")).isEqualTo(painter.toString());
    }

    @Test
    void refusesWorkForARetiredAgent() {
        UUID welder = register(api.organization, "welder");
        retire(welder, api.organization, 1);
        String task = api.task("Weld the frame");

        var created = create(Map.of("board_id", api.board, "title", "Weld", "assigned_agent_id", welder.toString()));
        var patched = api.patch(task, Map.of("assigned_agent_id", welder.toString()), null);

        assertProblem(created, 409, "agent_retired");
        assertProblem(patched, 409, "agent_retired");
    }

    @Test
    void refusesAnotherOrganizationsAgentAndAnUnknownOneAlike() {
        UUID stranger = register(new TaskApi(http).organization, "stranger");
        String task = api.task("Weld the frame");

        var otherOrganization = api.patch(task, Map.of("assigned_agent_id", stranger.toString()), null);
        var unknown = create(Map.of("board_id", api.board, "title", "Weld",
                "assigned_agent_id", UUID.randomUUID().toString()));

        assertProblem(otherOrganization, 422, "unknown_reference");
        assertThat(otherOrganization.getResponseBody().toString()).contains("assigned_agent_id");
        assertProblem(unknown, 422, "unknown_reference");
    }

    @Test
    void ignoresAnAgentEventThatIsNotNewerThanWhatItKnows() throws Exception {
        UUID welder = register(api.organization, "welder");
        retire(welder, api.organization, 2);
        UUID stale = publish(new AgentUpdated(welder, UUID.fromString(api.organization), "welder", List.of(), "active", 1));

        await().atMost(PATIENCE).until(() -> processed(stale));
        assertProblem(create(Map.of("board_id", api.board, "title", "Weld", "assigned_agent_id", welder.toString())),
                409, "agent_retired");
    }

    @Test
    void anAgentListsItsOwnTasksWithMe() {
        UUID welder = register(api.organization, "welder");
        UUID painter = register(api.organization, "painter");
        String mine = api.task("Weld the frame", Map.of("assigned_agent_id", welder.toString()));
        api.task("Paint the frame", Map.of("assigned_agent_id", painter.toString()));
        api.task("Nobody's yet");

        Map<String, Object> page = as(welder).get()
                .uri("/api/tasks?organization_id={org}&assigned_agent_id=me", api.organization)
                .exchange().expectStatus().isOk().expectBody(TaskApi.JSON_MAP).returnResult().getResponseBody();
        var forAPerson = api.admin.get()
                .uri("/api/tasks?organization_id={org}&assigned_agent_id=me", api.organization)
                .exchange().expectBody(TaskApi.JSON_MAP).returnResult();

        assertThat(ids(page)).containsExactly(mine);
        assertProblem(forAPerson, 400, "invalid_parameter");
    }

    @Test
    void concurrentClaimsNeverShareATask() throws Exception {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            tasks.add(api.task("Job " + i));
        }
        List<UUID> agents = new ArrayList<>();
        for (int i = 0; i < 2 * TASKS; i++) {
            agents.add(register(api.organization, "claimer-" + i));
        }

        CyclicBarrier start = new CyclicBarrier(agents.size());
        List<Future<EntityExchangeResult<Map<String, Object>>>> claims = new ArrayList<>();
        for (UUID agent : agents) {
            claims.add(claimers.submit(() -> {
                start.await();
                return claim(agent, api.board);
            }));
        }
        Map<String, String> claimedBy = new HashMap<>();
        int nothingLeft = 0;
        for (int i = 0; i < claims.size(); i++) {
            var result = claims.get(i).get();
            if (result.getStatus().value() == 200) {
                String task = (String) result.getResponseBody().get("id");
                assertThat(claimedBy.put(task, agents.get(i).toString())).as("claimed twice: " + task).isNull();
                assertThat(result.getResponseBody().get("assigned_agent_id")).isEqualTo(agents.get(i).toString());
            } else {
                assertProblem(result, 404, "no_task_available");
                nothingLeft++;
            }
        }

        assertThat(claimedBy.keySet()).containsExactlyInAnyOrderElementsOf(tasks);
        assertThat(nothingLeft).isEqualTo(TASKS);
        for (String task : tasks) {
            assertThat(api.read(task).get("assigned_agent_id")).isEqualTo(claimedBy.get(task));
        }
    }

    @Test
    void aClaimTakesTheMostUrgentReadyTaskFirst() {
        UUID welder = register(api.organization, "welder");
        String unfinished = api.task("Design", Map.of("priority", "low"));
        api.task("Old and low", Map.of("priority", "low"));
        api.task("Critical but blocked", Map.of("priority", "critical", "dependencies", List.of(unfinished)));
        String high = api.task("High", Map.of("priority", "high"));
        api.task("Taken", Map.of("priority", "critical", "assigned_agent_id", welder.toString()));
        api.task("Started", Map.of("priority", "critical", "status", "in_progress"));

        var first = claim(welder, api.board);

        assertThat(first.getStatus().value()).isEqualTo(200);
        assertThat(first.getResponseBody().get("id")).isEqualTo(high);
        assertThat(first.getResponseHeaders().getETag()).isEqualTo("\"" + first.getResponseBody().get("version") + "\"");
    }

    @Test
    void peopleAndUnknownAgentsCannotClaim() {
        api.task("Job");

        var person = api.admin.post().uri("/api/boards/{id}/claim", api.board).exchange()
                .expectBody(TaskApi.JSON_MAP).returnResult();
        var unknown = claim(UUID.randomUUID(), api.board);

        assertProblem(person, 403, "forbidden");
        assertProblem(unknown, 422, "unknown_reference");
    }

    @Test
    void anAgentMovesItsOwnTaskButChangesNothingElse() {
        UUID welder = register(api.organization, "welder");
        String task = api.task("Weld the frame", Map.of("assigned_agent_id", welder.toString()));

        var started = patchAs(welder, task, Map.of("status", "in_progress"));
        var renamed = patchAs(welder, task, Map.of("title", "Something easier"));
        var handedOn = patchAs(welder, task, Map.of("assigned_agent_id", register(api.organization, "x").toString()));
        var deleted = as(welder).delete().uri("/api/tasks/{id}", task).exchange()
                .expectBody(TaskApi.JSON_MAP).returnResult();
        var created = as(welder).post().uri("/api/tasks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("board_id", api.board, "title", "My own idea")).exchange()
                .expectBody(TaskApi.JSON_MAP).returnResult();

        assertThat(started.getStatus().value()).isEqualTo(200);
        assertThat(started.getResponseBody().get("status")).isEqualTo("in_progress");
        assertProblem(renamed, 403, "forbidden");
        assertProblem(handedOn, 403, "forbidden");
        assertProblem(deleted, 403, "forbidden");
        assertProblem(created, 403, "forbidden");
        assertThat(api.read(task).get("title")).isEqualTo("Weld the frame");
    }

    @Test
    void anAgentCannotTouchAnotherAgentsTaskNorAnotherOrganizations() {
        UUID welder = register(api.organization, "welder");
        UUID painter = register(api.organization, "painter");
        String paintersTask = api.task("Paint", Map.of("assigned_agent_id", painter.toString()));
        TaskApi elsewhere = new TaskApi(http);
        UUID outsider = register(elsewhere.organization, "outsider");

        var someoneElses = patchAs(welder, paintersTask, Map.of("status", "in_progress"));
        var otherOrganization = patchAs(outsider, paintersTask, Map.of("status", "in_progress"));
        var otherOrganizationsClaim = claim(outsider, api.board);
        var commentOnSomeoneElses = comment(welder, paintersTask, "I could do this better");
        var commentOnItsOwn = comment(painter, paintersTask, "Second coat tomorrow");

        assertProblem(someoneElses, 403, "forbidden");
        assertProblem(commentOnSomeoneElses, 403, "forbidden");
        assertThat(commentOnItsOwn.getStatus().value()).isEqualTo(201);
        assertProblem(otherOrganization, 404, "not_found");
        assertProblem(otherOrganizationsClaim, 404, "not_found");
        assertThat(api.read(paintersTask).get("status")).isEqualTo("todo");
    }

    @Test
    void anAgentKeyWithoutTasksReadReadsNothingButStillWorksOnItsOwnTask() {
        UUID welder = register(api.organization, "welder");
        String task = api.task("Weld the frame", Map.of("assigned_agent_id", welder.toString()));
        WebTestClient writer = as(welder, AgentScopes.TASKS_WRITE, AgentScopes.TELEMETRY_WRITE);

        for (String path : List.of("/api/tasks/" + task, "/api/tasks/" + task + "/comments",
                "/api/boards/" + api.board, "/api/boards?organization_id=" + api.organization,
                "/api/tasks?organization_id=" + api.organization, "/api/tags?organization_id=" + api.organization,
                "/api/organizations/" + api.organization)) {
            assertProblem(writer.get().uri(path).exchange().expectBody(TaskApi.JSON_MAP).returnResult(),
                    403, "insufficient_scope");
        }
        var started = writer.patch().uri("/api/tasks/{id}", task).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", "in_progress")).exchange().expectBody(TaskApi.JSON_MAP).returnResult();
        var commented = writer.post().uri("/api/tasks/{id}/comments", task).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("body", "Started")).exchange().expectBody(TaskApi.JSON_MAP).returnResult();

        assertThat(started.getStatus().value()).isEqualTo(200);
        assertThat(commented.getStatus().value()).isEqualTo(201);
    }

    @Test
    void anAgentKeyWithoutTasksWriteChangesNothing() {
        UUID welder = register(api.organization, "welder");
        api.task("Up for grabs");
        String task = api.task("Weld the frame", Map.of("assigned_agent_id", welder.toString()));
        WebTestClient reader = as(welder, AgentScopes.TASKS_READ);

        var moved = reader.patch().uri("/api/tasks/{id}", task).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", "in_progress")).exchange().expectBody(TaskApi.JSON_MAP).returnResult();
        var commented = reader.post().uri("/api/tasks/{id}/comments", task).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("body", "Started")).exchange().expectBody(TaskApi.JSON_MAP).returnResult();
        var claimed = reader.post().uri("/api/boards/{id}/claim", api.board).exchange()
                .expectBody(TaskApi.JSON_MAP).returnResult();

        assertProblem(moved, 403, "insufficient_scope");
        assertThat(moved.getResponseBody().get("required_scope")).isEqualTo(AgentScopes.TASKS_WRITE);
        assertProblem(commented, 403, "insufficient_scope");
        assertProblem(claimed, 403, "insufficient_scope");
        reader.get().uri("/api/tasks/{id}", task).exchange().expectStatus().isOk();
        assertThat(api.read(task).get("status")).isEqualTo("todo");
    }

    @Test
    void anAgentKeyForAnotherOrganizationIsStill404WhateverItsScopes() {
        TaskApi elsewhere = new TaskApi(http);
        String token = TestTokens.agent(UUID.randomUUID(), UUID.fromString(elsewhere.organization));
        String task = api.task("Not yours");

        http.get().uri("/api/tasks/{id}", task).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void anAgentManagesNoTagsBoardsOrMembersAndDoesNotRetagItsTasks() {
        UUID welder = register(api.organization, "welder");
        String task = api.task("Weld the frame", Map.of("assigned_agent_id", welder.toString()));
        String tag = (String) api.post("/api/tags", Map.of("organization_id", api.organization, "name", "urgent",
                "color", "#ff0000"))
                .get("id");
        WebTestClient agent = as(welder);

        var tagCreated = agent.post().uri("/api/tags").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("organization_id", api.organization, "name", "mine", "color", "#00ff00")).exchange()
                .expectBody(TaskApi.JSON_MAP).returnResult();
        var tagRenamed = agent.patch().uri("/api/tags/{id}", tag).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "whatever")).exchange().expectBody(TaskApi.JSON_MAP).returnResult();
        var tagDeleted = agent.delete().uri("/api/tags/{id}", tag).exchange()
                .expectBody(TaskApi.JSON_MAP).returnResult();
        var retagged = agent.put().uri("/api/tasks/{id}/tags", task).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tags", List.of(tag))).exchange().expectBody(TaskApi.JSON_MAP).returnResult();
        var groupCreated = agent.post().uri("/api/board-groups").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("organization_id", api.organization, "name", "Mine")).exchange()
                .expectBody(TaskApi.JSON_MAP).returnResult();
        var memberAdded = agent.post().uri("/api/organizations/{id}/members", api.organization)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "friend@example.com", "role", "owner")).exchange()
                .expectBody(TaskApi.JSON_MAP).returnResult();

        assertProblem(tagCreated, 403, "forbidden");
        assertProblem(tagRenamed, 403, "forbidden");
        assertProblem(tagDeleted, 403, "forbidden");
        assertProblem(retagged, 403, "forbidden");
        assertProblem(groupCreated, 403, "forbidden");
        assertProblem(memberAdded, 403, "forbidden");
        assertThat((List<?>) api.read(task).get("tags")).isEmpty();
    }

    private EntityExchangeResult<Map<String, Object>> comment(UUID agent, String task, String body) {
        return as(agent).post().uri("/api/tasks/{id}/comments", task).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("body", body)).exchange().expectBody(TaskApi.JSON_MAP).returnResult();
    }

    private UUID register(String organization, String name) {
        UUID agent = UUID.randomUUID();
        publish(new AgentRegistered(agent, UUID.fromString(organization), name, List.of("work"), "active", 0));
        await().atMost(PATIENCE).until(() -> knownVersion(agent) == 0L);
        return agent;
    }

    private void retire(UUID agent, String organization, long version) {
        publish(new AgentRetired(agent, UUID.fromString(organization), "retired", version));
        await().atMost(PATIENCE).until(() -> knownVersion(agent) == version);
    }

    /** Publishes as registry-service will: a CloudEvent on mc.agents keyed by the agent id. */
    private UUID publish(DomainEvent event) {
        UUID id = UUID.randomUUID();
        var cloudEvent = EventCodec.cloudEvent(id, event.eventType().name(), "/registry-service",
                event.subject().toString(), OffsetDateTime.now(), event.tenant(), Actor.system("registry-service"),
                event.aggregateVersion(), EventCodec.toJson(event));
        try {
            kafka.send(EventCodec.toRecord(Topics.AGENTS, cloudEvent)).get();
        } catch (Exception e) {
            throw new AssertionError("could not publish " + event, e);
        }
        return id;
    }

    private long knownVersion(UUID agent) {
        return db.sql("SELECT version FROM known_agent WHERE id = :id").bind("id", agent)
                .map((row, meta) -> row.get("version", Long.class)).one().defaultIfEmpty(-1L).block();
    }

    private boolean processed(UUID eventId) {
        return Boolean.TRUE.equals(db.sql("SELECT true AS done FROM mc_processed_event WHERE event_id = :id")
                .bind("id", eventId).map((row, meta) -> row.get("done", Boolean.class)).one()
                .defaultIfEmpty(false).block());
    }

    private WebTestClient as(UUID agent) {
        return as(agent, AgentScopes.TASKS_READ, AgentScopes.TASKS_WRITE);
    }

    /** The agent of the test's organization, with a key of exactly these scopes. */
    private WebTestClient as(UUID agent, String... scopes) {
        String token = TestTokens.agent(agent, UUID.fromString(api.organization), scopes);
        return http.mutate().defaultHeaders(headers -> headers.setBearerAuth(token)).build();
    }

    /** An agent of the organization its registration named (it is fixed to it by its token). */
    private WebTestClient asAgentOf(UUID agent) {
        UUID organization = db.sql("SELECT organization_id FROM known_agent WHERE id = :id").bind("id", agent)
                .map((row, meta) -> row.get("organization_id", UUID.class)).one().block();
        String token = TestTokens.agent(agent, organization == null ? UUID.fromString(api.organization) : organization,
                AgentScopes.TASKS_READ, AgentScopes.TASKS_WRITE);
        return http.mutate().defaultHeaders(headers -> headers.setBearerAuth(token)).build();
    }

    private EntityExchangeResult<Map<String, Object>> claim(UUID agent, String board) {
        return asAgentOf(agent).post().uri("/api/boards/{id}/claim", board).exchange()
                .expectBody(TaskApi.JSON_MAP).returnResult();
    }

    private EntityExchangeResult<Map<String, Object>> patchAs(UUID agent, String task, Map<String, ?> body) {
        return asAgentOf(agent).patch().uri("/api/tasks/{id}", task).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectBody(TaskApi.JSON_MAP).returnResult();
    }

    private EntityExchangeResult<Map<String, Object>> create(Map<String, ?> body) {
        return api.admin.post().uri("/api/tasks").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectBody(TaskApi.JSON_MAP).returnResult();
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> (String) item.get("id")).toList();
    }

    private static void assertProblem(EntityExchangeResult<Map<String, Object>> result, int status, String code) {
        assertThat(result.getStatus().value()).as(String.valueOf(result.getResponseBody())).isEqualTo(status);
        assertThat(result.getResponseBody()).containsEntry("code", code);
    }
}

package io.missioncontrol.task.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.agent.AgentRegistered;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code POST /api/tasks/{id}/execute}: a request for registry-service's dispatch, with the agent's capabilities. */
@ServiceTest
class TaskExecutionIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    WebTestClient http;
    @Autowired
    DatabaseClient db;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    private TaskApi api;
    private UUID agent;

    @BeforeEach
    void organizationWithAnAgent() {
        api = new TaskApi(http);
        agent = UUID.randomUUID();
        var registered = new AgentRegistered(agent, UUID.fromString(api.organization), "welder",
                List.of("gpu", "python"), "active", 0);
        var event = EventCodec.cloudEvent(UUID.randomUUID(), registered.eventType().name(), "/registry-service",
                agent.toString(), OffsetDateTime.now(), registered.tenant(), Actor.system("registry-service"), 0,
                EventCodec.toJson(registered));
        try {
            kafka.send(EventCodec.toRecord(Topics.AGENTS, event)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        await().atMost(PATIENCE).until(() -> db.sql("SELECT count(*) FROM known_agent WHERE id = :id")
                .bind("id", agent).map(row -> row.get(0, Long.class)).one().block() == 1L);
    }

    @Test
    void requestsAnExecutionWithTheAssignedAgentsCapabilities() {
        String task = api.task("Weld the frame", Map.of("assigned_agent_id", agent.toString()));
        String execution = execute(task, TestTokens.admin()).expectStatus().isAccepted()
                .expectHeader().valueMatches("Location", "/api/executions/.+")
                .expectBody(Map.class).returnResult().getResponseBody().get("execution_id").toString();

        var appended = db.sql("SELECT type, topic, data::text AS data FROM mc_outbox WHERE subject = :subject")
                .bind("subject", execution)
                .map(row -> Map.of("type", row.get("type", String.class), "topic", row.get("topic", String.class),
                        "data", row.get("data", String.class)))
                .all().collectList().block();
        assertThat(appended).singleElement().satisfies(event -> {
            assertThat(event).containsEntry("type", "mc.task-execution.requested.v1")
                    .containsEntry("topic", Topics.EXECUTIONS);
            assertThat(event.get("data")).contains(task, agent.toString(), "Weld the frame", "\"gpu\"", "\"python\"");
        });
        // The task itself does not change.
        assertThat(api.read(task).get("version")).isEqualTo(0);
    }

    @Test
    void refusesATaskWithoutAnAssignedAgent() {
        String task = api.task("Nobody's job");
        execute(task, TestTokens.admin()).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("task_unassigned");
    }

    @Test
    void letsTheAssignedAgentRunItsOwnTaskWithTasksWrite() {
        String task = api.task("Mine", Map.of("assigned_agent_id", agent.toString()));
        UUID organization = UUID.fromString(api.organization);
        execute(task, TestTokens.agent(agent, organization, "tasks:read", "tasks:write")).expectStatus().isAccepted();
        execute(task, TestTokens.agent(agent, organization, "tasks:read")).expectStatus().isForbidden();
        execute(task, TestTokens.agent(UUID.randomUUID(), organization, "tasks:write")).expectStatus().isForbidden();
    }

    @Test
    void hidesTheTaskFromOutsiders() {
        String task = api.task("Secret", Map.of("assigned_agent_id", agent.toString()));
        execute(task, TestTokens.user("stranger-" + UUID.randomUUID())).expectStatus().isNotFound();
        execute(task, TestTokens.agent(agent, UUID.randomUUID(), "tasks:write")).expectStatus().isNotFound();
    }

    private WebTestClient.ResponseSpec execute(String task, String token) {
        return http.post().uri("/api/tasks/{id}/execute", task).headers(h -> h.setBearerAuth(token)).exchange();
    }
}

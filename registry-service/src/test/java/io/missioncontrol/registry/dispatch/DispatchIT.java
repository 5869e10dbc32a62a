package io.missioncontrol.registry.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.execution.TaskExecutionRequested;
import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import io.missioncontrol.registry.RuntimesApi;
import io.missioncontrol.registry.StubRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Execution requests from Kafka, dispatched over HTTP to two real stub runtimes: round robin, failover when one is
 * slow or down, and a failure with a reason when none can take the work — never a hang.
 */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class DispatchIT {

    @Autowired
    WebTestClient http;
    @Autowired
    DatabaseClient db;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    private RuntimesApi api;
    private StubRuntime first;
    private StubRuntime second;
    private final String firstToken = "tok-first-" + UUID.randomUUID();
    private final String secondToken = "tok-second-" + UUID.randomUUID();
    private String firstId;
    private String secondId;
    private UUID agent;

    @BeforeEach
    void twoHealthyRuntimes() {
        http = RuntimesApi.patient(http);
        api = new RuntimesApi(http, db, kafka);
        first = new StubRuntime();
        second = new StubRuntime();
        firstId = (String) api.register("first", first.url(), firstToken, List.of("gpu", "python")).get("id");
        secondId = (String) api.register("second", second.url(), secondToken, List.of("gpu", "python", "x")).get("id");
        api.awaitHealth(firstId, "healthy");
        api.awaitHealth(secondId, "healthy");
        agent = api.agent("worker", List.of("gpu"));
    }

    @AfterEach
    void stopRuntimes() {
        first.close();
        second.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void roundRobinsAcrossEqualRuntimesWithTheirOwnTokens(CapturedOutput output) {
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, Object> execution = dispatched(request(List.of("gpu")));
            chosen.add((String) ((Map<String, Object>) execution.get("runtime")).get("id"));
        }
        assertThat(chosen).containsOnly(firstId, secondId);
        assertThat(chosen.get(0)).isNotEqualTo(chosen.get(1));
        assertThat(chosen.get(1)).isNotEqualTo(chosen.get(2));
        assertThat(chosen.get(2)).isNotEqualTo(chosen.get(3));

        assertThat(first.executeRequests()).hasSize(2).allSatisfy(request ->
                assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + firstToken));
        assertThat(second.executeRequests()).hasSize(2).allSatisfy(request ->
                assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + secondToken));
        assertThat(first.executeRequests().get(0).getBodyAsString())
                .contains("\"execution_id\"", "\"task_id\"", "\"agent_id\"", "\"title\":\"Run it\"");
        assertThat(output.getAll()).doesNotContain(firstToken).doesNotContain(secondToken);
    }

    @Test
    @SuppressWarnings("unchecked")
    void failsOverWhenARuntimeIsSlowOrFailing() {
        second.slow(3_000);
        for (int i = 0; i < 2; i++) {
            Map<String, Object> execution = dispatched(request(List.of("gpu")));
            assertThat(((Map<String, Object>) execution.get("runtime")).get("id")).isEqualTo(firstId);
        }
        second.accepting();
        first.failing();
        Map<String, Object> execution = dispatched(request(List.of("gpu")));
        assertThat(((Map<String, Object>) execution.get("runtime")).get("id")).isEqualTo(secondId);
    }

    @Test
    @SuppressWarnings("unchecked")
    void failsOverWhenARuntimeIsDown() {
        first.stop();
        Map<String, Object> execution = dispatched(request(List.of("gpu")));
        assertThat(((Map<String, Object>) execution.get("runtime")).get("id")).isEqualTo(secondId);
    }

    @Test
    void choosesOnlyRuntimesWithEveryCapability() {
        for (int i = 0; i < 2; i++) {
            assertThat(dispatched(request(List.of("gpu", "x"))).get("runtime"))
                    .isEqualTo(Map.of("id", secondId, "name", "second"));
        }
        assertThat(first.executeRequests()).isEmpty();
    }

    @Test
    void failsWithNoRuntimeAvailableWhenNoneHasTheCapabilities() {
        UUID id = request(List.of("quantum"));
        Map<String, Object> execution = decided(id);
        assertThat(execution).containsEntry("status", "failed").containsEntry("reason", "no_runtime_available");
        assertThat(api.events(id)).extracting(event -> event.get("type")).containsExactly("mc.task-execution.failed.v1");
    }

    @Test
    void failsWithRuntimeUnavailableWhenEveryCandidateFailsWithinTheLimit() {
        first.slow(3_000);
        second.failing();
        Instant start = Instant.now();
        Map<String, Object> execution = decided(request(List.of("gpu")));
        assertThat(execution).containsEntry("status", "failed").containsEntry("reason", "runtime_unavailable");
        assertThat((String) execution.get("detail")).contains("first", "second");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void failsWithRuntimeRejectedWhenEveryCandidateRefuses() {
        first.rejecting();
        second.rejecting();
        assertThat(decided(request(List.of("gpu")))).containsEntry("status", "failed")
                .containsEntry("reason", "runtime_rejected");
    }

    @Test
    void dispatchesARepeatedRequestOnce() {
        UUID id = UUID.randomUUID();
        TaskExecutionRequested request = new TaskExecutionRequested(id, UUID.randomUUID(), api.organization,
                UUID.randomUUID(), agent, "Run it", List.of("gpu"), null, 1);
        RuntimesApi.publish(kafka, Topics.EXECUTIONS, request);
        assertThat(decided(id)).containsEntry("status", "dispatched");
        RuntimesApi.publish(kafka, Topics.EXECUTIONS, request);
        UUID marker = request(List.of("gpu"));
        decided(marker);
        assertThat(api.events(id)).extracting(event -> event.get("type"))
                .containsExactly("mc.task-execution.dispatched.v1");
        assertThat(first.executeRequests().size() + second.executeRequests().size()).isEqualTo(2);
    }

    @Test
    void listsExecutionsOfATaskToItsOrganizationOnly() {
        UUID task = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        RuntimesApi.publish(kafka, Topics.EXECUTIONS, new TaskExecutionRequested(id, task, api.organization,
                UUID.randomUUID(), agent, "Listed", List.of(), null, 1));
        decided(id);
        http.get().uri("/api/executions?organization_id={org}&task_id={task}", api.organization, task)
                .headers(h -> h.setBearerAuth(TestTokens.admin())).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.items[0].id").isEqualTo(id.toString());
        http.get().uri("/api/executions/{id}", id)
                .headers(h -> h.setBearerAuth(TestTokens.agent(UUID.randomUUID(), UUID.randomUUID(), "tasks:read")))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    @SuppressWarnings("unchecked")
    void prefersTheAgentsOwnRuntimeWhileItIsHealthyAndCapable() {
        UUID own = api.agent("attached", List.of("gpu"), firstId);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> execution = dispatched(request(List.of("gpu"), own));
            assertThat(((Map<String, Object>) execution.get("runtime")).get("id")).isEqualTo(firstId);
        }
        // Its runtime lacks a capability: another runtime takes the work.
        Map<String, Object> other = dispatched(request(List.of("gpu", "x"), own));
        assertThat(((Map<String, Object>) other.get("runtime")).get("id")).isEqualTo(secondId);

        first.unhealthy();
        api.awaitHealth(firstId, "unhealthy");
        Map<String, Object> fallback = dispatched(request(List.of("gpu"), own));
        assertThat(((Map<String, Object>) fallback.get("runtime")).get("id")).isEqualTo(secondId);
    }

    @Test
    void refusesAgentsThatCannotWork() {
        UUID paused = api.agent("paused", List.of());
        api.agentAction(paused, "activate");
        api.agentAction(paused, "pause");
        UUID retired = api.agent("retired", List.of());
        api.agentAction(retired, "retire");
        RuntimesApi elsewhere = new RuntimesApi(http, db, kafka);
        UUID foreign = elsewhere.agent("foreign", List.of());

        for (UUID who : java.util.Arrays.asList(UUID.randomUUID(), paused, retired, foreign, null)) {
            UUID id = request(List.of(), who);
            assertThat(decided(id)).as("agent %s", who).containsEntry("status", "failed")
                    .containsEntry("reason", "agent_not_dispatchable").containsEntry("agent_id",
                            who == null ? null : who.toString());
            assertThat(api.events(id)).extracting(event -> event.get("type"))
                    .containsExactly("mc.task-execution.failed.v1");
        }
        assertThat(first.executeRequests()).isEmpty();
        assertThat(second.executeRequests()).isEmpty();
    }

    @Test
    void dispatchesForAnAgentStillProvisioning() {
        assertThat(dispatched(request(List.of()))).containsEntry("agent_id", agent.toString());
    }

    private UUID request(List<String> capabilities) {
        return request(capabilities, agent);
    }

    private UUID request(List<String> capabilities, UUID agentId) {
        UUID id = UUID.randomUUID();
        RuntimesApi.publish(kafka, Topics.EXECUTIONS, new TaskExecutionRequested(id, UUID.randomUUID(),
                api.organization, UUID.randomUUID(), agentId, "Run it", capabilities, null, 1));
        return id;
    }

    private Map<String, Object> dispatched(UUID id) {
        Map<String, Object> execution = decided(id);
        assertThat(execution).containsEntry("status", "dispatched");
        return execution;
    }

    private Map<String, Object> decided(UUID id) {
        await().atMost(RuntimesApi.PATIENCE).until(() -> exists(id) && !"requested".equals(api.execution(id).get("status")));
        return api.execution(id);
    }

    private boolean exists(UUID id) {
        return Boolean.TRUE.equals(db.sql("SELECT EXISTS (SELECT 1 FROM execution WHERE id = :id)").bind("id", id)
                .map(row -> row.get(0, Boolean.class)).one().block());
    }
}

package io.missioncontrol.task.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.task.TaskStatusChanged;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.events.EventEnvelope;
import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The task lifecycle through task-service's HTTP API, on a real PostgreSQL and Kafka. */
@ServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskLifecycleIT {

    @Autowired
    WebTestClient http;
    @Autowired
    DatabaseClient db;
    @Value("${spring.kafka.bootstrap-servers}")
    String kafka;

    private final ExecutorService racers = Executors.newFixedThreadPool(2);
    private TaskApi api;

    @BeforeEach
    void freshOrganization() {
        api = new TaskApi(http);
    }

    @AfterAll
    void stopRacers() {
        racers.shutdownNow();
    }

    @Test
    void patchesFieldsAssignmentAndStatusWithAnEventAndAVersionEach() {
        String task = api.task("Rotate tokens", Map.of("description", "Before Friday"));
        assertThat(api.get(task).getResponseHeaders().getETag()).isEqualTo("\"0\"");
        UUID agent = api.knownAgent(db);

        var changed = api.patch(task, Map.of("title", "Rotate tokens today", "priority", "critical",
                "due_date", "2026-12-01T18:00:00+01:00", "assigned_agent_id", agent.toString(),
                "status", "in_progress"), "\"0\"");

        assertThat(changed.getStatus().value()).isEqualTo(200);
        assertThat(changed.getResponseHeaders().getETag()).isEqualTo("\"3\"");
        assertThat(changed.getResponseBody()).containsEntry("title", "Rotate tokens today")
                .containsEntry("description", "Before Friday")
                .containsEntry("priority", "critical")
                .containsEntry("status", "in_progress")
                .containsEntry("assigned_agent_id", agent.toString())
                .containsEntry("due_date", "2026-12-01T17:00:00Z")
                .containsEntry("updated_by", "admin")
                .containsEntry("version", 3);
        assertThat(events(task)).containsExactly("mc.task.created.v1@0", "mc.task.updated.v1@1",
                "mc.task.assigned.v1@2", "mc.task.status-changed.v1@3");
        assertThat(outboxData(task, "mc.task.updated.v1")).contains("\"changed_fields\": [\"title\", \"priority\", \"due_date\"]");

        var cleared = new HashMap<String, Object>();
        cleared.put("description", null);
        cleared.put("assigned_agent_id", null);
        cleared.put("due_date", null);
        var afterClear = api.update(task, cleared);
        assertThat(afterClear).containsEntry("description", null).containsEntry("assigned_agent_id", null)
                .containsEntry("due_date", null).containsEntry("title", "Rotate tokens today").containsEntry("version", 5);
        assertThat(api.get(task).getResponseHeaders().getETag()).isEqualTo("\"5\"");

        var unchanged = api.patch(task, Map.of("title", "Rotate tokens today"), "\"5\"");
        assertThat(unchanged.getStatus().value()).as("a patch that changes nothing").isEqualTo(200);
        assertThat(unchanged.getResponseHeaders().getETag()).isEqualTo("\"5\"");
        assertThat(events(task)).hasSize(6);
    }

    @Test
    void aStaleIfMatchIsAVersionConflictAndChangesNothing() {
        String task = api.task("Stale");
        api.update(task, Map.of("title", "Fresh"));

        var stale = api.patch(task, Map.of("title", "Overwritten"), "\"0\"");

        assertThat(stale.getStatus().value()).isEqualTo(409);
        assertThat(stale.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(stale.getResponseBody()).containsEntry("code", "version_conflict").containsEntry("current_version", 1);
        assertThat(api.read(task)).containsEntry("title", "Fresh");
        api.admin.delete().uri("/api/tasks/{id}", task).header(HttpHeaders.IF_MATCH, "\"0\"").exchange()
                .expectStatus().isEqualTo(409);
        assertThat(api.putDependencies(task, List.of()).getStatus().value()).isEqualTo(200);
        api.admin.patch().uri("/api/tasks/{id}", task).header(HttpHeaders.IF_MATCH, "1")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("title", "x")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_if_match");
        assertThat(api.patch(task, Map.of("title", "Matched"), "\"1\"").getStatus().value()).isEqualTo(200);
    }

    @Test
    void ofTwoConcurrentPatchesWithTheSameEtagExactlyOneWins() throws Exception {
        for (int round = 0; round < 10; round++) {
            String task = api.task("Race " + round);

            List<EntityExchangeResult<Map<String, Object>>> results = race(
                    () -> api.patch(task, Map.of("title", "first"), "\"0\""),
                    () -> api.patch(task, Map.of("title", "second"), "\"0\""));

            List<Integer> statuses = results.stream().map(result -> result.getStatus().value()).sorted().toList();
            assertThat(statuses).as("round " + round).containsExactly(200, 409);
            var winner = results.stream().filter(result -> result.getStatus().value() == 200).findFirst().orElseThrow();
            assertThat(api.read(task)).containsEntry("title", winner.getResponseBody().get("title"))
                    .containsEntry("version", 1);
            assertThat(events(task)).containsExactly("mc.task.created.v1@0", "mc.task.updated.v1@1");
        }
    }

    @Test
    void concurrentPatchesWithoutIfMatchLoseNoUpdate() throws Exception {
        for (int round = 0; round < 5; round++) {
            String task = api.task("Both " + round);

            List<EntityExchangeResult<Map<String, Object>>> results = race(
                    () -> api.patch(task, Map.of("title", "renamed"), null),
                    () -> api.patch(task, Map.of("priority", "high"), null));

            assertThat(results).allSatisfy(result -> assertThat(result.getStatus().value()).isEqualTo(200));
            assertThat(api.read(task)).containsEntry("title", "renamed").containsEntry("priority", "high")
                    .containsEntry("version", 2);
            assertThat(events(task)).containsExactly("mc.task.created.v1@0", "mc.task.updated.v1@1",
                    "mc.task.updated.v1@2");
        }
    }

    @Test
    void refusesAnIllegalTransitionNamingTheAllowedOnes() {
        String task = api.task("Skip ahead");

        var refused = api.patch(task, Map.of("status", "done", "title", "Not applied"), null);

        assertThat(refused.getStatus().value()).isEqualTo(409);
        assertThat(refused.getResponseBody()).containsEntry("code", "illegal_transition").containsEntry("from", "todo")
                .containsEntry("to", "done").containsEntry("allowed_targets", List.of("in_progress"));
        assertThat(api.read(task)).containsEntry("status", "todo").containsEntry("title", "Skip ahead")
                .containsEntry("version", 0);
    }

    @Test
    void aTaskCannotStartBeforeItsDependenciesAreDone() {
        String build = api.task("Build");
        String test = api.task("Test");
        String release = api.task("Release", Map.of("dependencies", List.of(build, test, build)));
        assertThat(api.read(release)).containsEntry("dependencies", List.of(build, test).stream().sorted().toList())
                .containsEntry("blocked_by", List.of(build, test).stream().sorted().toList());

        var blocked = api.patch(release, Map.of("status", "in_progress"), null);
        assertThat(blocked.getStatus().value()).isEqualTo(409);
        assertThat(blocked.getResponseBody()).containsEntry("code", "task_blocked");
        assertThat(strings(blocked.getResponseBody().get("blocked_by"))).containsExactlyInAnyOrder(build, test);

        api.advance(build, TaskStatus.DONE);
        assertThat(api.read(release)).containsEntry("blocked_by", List.of(test));
        assertThat(api.patch(release, Map.of("status", "in_progress"), null).getResponseBody())
                .containsEntry("blocked_by", List.of(test));

        api.advance(test, TaskStatus.DONE);
        assertThat(api.update(release, Map.of("status", "in_progress"))).containsEntry("status", "in_progress")
                .containsEntry("blocked_by", List.of());

        var startedBlocked = api.admin.post().uri("/api/tasks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("board_id", api.board, "title", "Eager", "status", "in_progress",
                        "dependencies", List.of(api.task("Unfinished"))))
                .exchange().expectStatus().isEqualTo(409).expectBody(TaskApi.JSON_MAP).returnResult();
        assertThat(startedBlocked.getResponseBody()).containsEntry("code", "task_blocked");
    }

    @Test
    void refusesADependencyCycleNamingIt() {
        String design = api.task("Design");
        String build = api.task("Build", Map.of("dependencies", List.of(design)));
        String ship = api.task("Ship", Map.of("dependencies", List.of(build)));

        var cycle = api.putDependencies(design, List.of(ship));

        assertThat(cycle.getStatus().value()).isEqualTo(422);
        assertThat(cycle.getResponseBody()).containsEntry("code", "dependency_cycle")
                .containsEntry("cycle", List.of(design, ship, build, design));
        var self = api.putDependencies(design, List.of(design));
        assertThat(self.getStatus().value()).isEqualTo(422);
        assertThat(self.getResponseBody()).containsEntry("cycle", List.of(design, design));
        assertThat(api.read(design)).containsEntry("dependencies", List.of()).containsEntry("version", 0);
    }

    @Test
    void concurrentDependencyChangesCannotCloseACycleTogether() throws Exception {
        for (int round = 0; round < 5; round++) {
            String a = api.task("A" + round);
            String b = api.task("B" + round);

            List<EntityExchangeResult<Map<String, Object>>> results = race(
                    () -> api.putDependencies(a, List.of(b)),
                    () -> api.putDependencies(b, List.of(a)));

            assertThat(results.stream().map(result -> result.getStatus().value()).sorted().toList())
                    .as("round " + round).containsExactly(200, 422);
            assertThat(results).anySatisfy(result -> assertThat(result.getResponseBody())
                    .containsEntry("code", "dependency_cycle"));
        }
    }

    @Test
    void putReplacesTheDependenciesWithAnEventForEachChange() {
        String one = api.task("One");
        String two = api.task("Two");
        String three = api.task("Three");
        String task = api.task("Task", Map.of("dependencies", List.of(one, two)));

        var replaced = api.admin.put().uri("/api/tasks/{id}/dependencies", task).header(HttpHeaders.IF_MATCH, "\"0\"")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("dependencies", List.of(two, three)))
                .exchange().expectStatus().isOk().expectBody(TaskApi.JSON_MAP).returnResult();

        assertThat(replaced.getResponseHeaders().getETag()).isEqualTo("\"2\"");
        assertThat(strings(replaced.getResponseBody().get("dependencies"))).containsExactlyInAnyOrder(two, three);
        assertThat(events(task)).containsExactly("mc.task.created.v1@0", "mc.task.dependency-added.v1@1",
                "mc.task.dependency-removed.v1@2");
        assertThat(api.putDependencies(task, List.of()).getResponseBody()).containsEntry("dependencies", List.of())
                .containsEntry("version", 4);

        api.advance(task, TaskStatus.REVIEW);
        var blocked = api.putDependencies(task, List.of(one));
        assertThat(blocked.getStatus().value()).isEqualTo(409);
        assertThat(blocked.getResponseBody()).containsEntry("code", "task_blocked").containsEntry("blocked_by", List.of(one));
    }

    @Test
    void dependenciesMustBeTasksOfTheSameOrganization() {
        TaskApi elsewhere = new TaskApi(http);
        String foreign = elsewhere.task("Foreign");
        String own = api.task("Own");
        String missing = UUID.randomUUID().toString();

        var created = api.admin.post().uri("/api/tasks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("board_id", api.board, "title", "New", "dependencies", List.of(own, foreign, missing)))
                .exchange().expectStatus().isEqualTo(422).expectBody(TaskApi.JSON_MAP).returnResult();
        assertThat(created.getResponseBody()).containsEntry("code", "unknown_reference");
        assertThat(created.getResponseBody().get("errors")).isEqualTo(List.of(
                Map.of("field", "dependencies[1]", "message", "task " + foreign + " does not exist"),
                Map.of("field", "dependencies[2]", "message", "task " + missing + " does not exist")));

        var replaced = api.putDependencies(own, List.of(foreign));
        assertThat(replaced.getStatus().value()).isEqualTo(422);
        assertThat(replaced.getResponseBody()).containsEntry("code", "unknown_reference");
        api.admin.put().uri("/api/tasks/{id}/dependencies", own).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"dependencies\": [null]}").exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("dependencies[0]");
    }

    @Test
    void reopeningATaskSendsDependentWorkBackToTodoAndTellsKafka() {
        String foundation = api.task("Foundation");
        api.advance(foundation, TaskStatus.DONE);
        String working = api.task("Working", Map.of("dependencies", List.of(foundation)));
        String reviewing = api.task("Reviewing", Map.of("dependencies", List.of(foundation)));
        String finished = api.task("Finished", Map.of("dependencies", List.of(foundation)));
        String waiting = api.task("Waiting", Map.of("dependencies", List.of(foundation)));
        api.advance(working, TaskStatus.IN_PROGRESS);
        api.advance(reviewing, TaskStatus.REVIEW);
        api.advance(finished, TaskStatus.DONE);

        try (var consumer = consumer()) {
            assertThat(api.update(foundation, Map.of("status", "in_progress"))).containsEntry("status", "in_progress");

            String reason = "dependency " + foundation + " reopened";
            assertThat(api.read(working)).containsEntry("status", "todo").containsEntry("version", 2)
                    .containsEntry("blocked_by", List.of(foundation));
            assertThat(api.read(reviewing)).containsEntry("status", "todo").containsEntry("version", 3);
            assertThat(api.read(finished)).containsEntry("status", "done").containsEntry("version", 3);
            assertThat(api.read(waiting)).containsEntry("status", "todo").containsEntry("version", 0);

            List<EventEnvelope<DomainEvent>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(EventCodec.decode(record)));
                assertThat(seen).filteredOn(event -> event.data() instanceof TaskStatusChanged changed
                                && reason.equals(changed.reason()))
                        .extracting(event -> event.subject() + " " + ((TaskStatusChanged) event.data()).from() + "->"
                                + ((TaskStatusChanged) event.data()).to() + " v" + event.aggregateVersion())
                        .containsExactlyInAnyOrder(working + " in_progress->todo v2", reviewing + " review->todo v3");
            });
        }

        var startAgain = api.patch(working, Map.of("status", "in_progress"), null);
        assertThat(startAgain.getResponseBody()).containsEntry("code", "task_blocked");
    }

    @Test
    void deletingATaskFreesItsDependents() {
        String obsolete = api.task("Obsolete");
        String dependent = api.task("Dependent", Map.of("dependencies", List.of(obsolete)));

        api.admin.delete().uri("/api/tasks/{id}", obsolete).header(HttpHeaders.IF_MATCH, "\"0\"").exchange()
                .expectStatus().isNoContent();

        assertThat(api.get(obsolete).getStatus().value()).isEqualTo(404);
        assertThat(api.read(dependent)).containsEntry("dependencies", List.of()).containsEntry("blocked_by", List.of())
                .containsEntry("version", 1);
        assertThat(events(obsolete)).containsExactly("mc.task.created.v1@0", "mc.task.deleted.v1@1");
        assertThat(events(dependent)).containsExactly("mc.task.created.v1@0", "mc.task.dependency-removed.v1@1");
        assertThat(outboxData(dependent, "mc.task.dependency-removed.v1"))
                .contains("\"reason\": \"dependency " + obsolete + " deleted\"");
        api.admin.delete().uri("/api/tasks/{id}", obsolete).exchange().expectStatus().isNotFound();
        assertThat(api.update(dependent, Map.of("status", "in_progress"))).containsEntry("status", "in_progress");
    }

    @Test
    void hidesEveryTaskEndpointFromAnotherOrganization() {
        String task = api.task("Private");
        String outsider = TestTokens.agent(UUID.randomUUID(), UUID.randomUUID(), "tasks:read", "tasks:write");
        WebTestClient stranger = http.mutate().defaultHeaders(headers -> headers.setBearerAuth(outsider)).build();

        stranger.get().uri("/api/tasks/{id}", task).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("not_found");
        stranger.patch().uri("/api/tasks/{id}", task).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Mine now")).exchange().expectStatus().isNotFound();
        stranger.put().uri("/api/tasks/{id}/dependencies", task).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("dependencies", List.of())).exchange().expectStatus().isNotFound();
        stranger.delete().uri("/api/tasks/{id}", task).exchange().expectStatus().isNotFound();
        stranger.get().uri("/api/tasks?organization_id={org}", api.organization).exchange().expectStatus().isNotFound();

        assertThat(api.read(task)).containsEntry("title", "Private").containsEntry("version", 0);
    }

    /** Whatever the PATCH body, the answer is a client error with a problem document: never a 500. */
    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "42", "\"text\"", "{\"title\": null}", "{\"title\": 7}",
            "{\"status\": \"someday\"}", "{\"status\": \"DONE\"}", "{\"priority\": [\"high\"]}",
            "{\"assigned_agent_id\": 12}", "{\"due_date\": \"next week\"}", "{\"title\": \"x\"", "{\"title\": \" \"}",
            "{\"dependencies\": []}", "{\"description\": {\"nested\": true}}"})
    void answersEveryOddPatchWithAClientError(String body) {
        String task = api.task("Odd");
        var result = api.admin.patch().uri("/api/tasks/{id}", task).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectBody(String.class).returnResult();
        assertThat(result.getStatus().is4xxClientError()).as(body + " -> " + result.getStatus()).isTrue();
        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result.getResponseBody()).contains("\"code\"").doesNotContain("Exception");
        assertThat(api.read(task)).containsEntry("version", 0);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return (List<String>) list;
    }

    /** Runs both calls at the same moment on two threads and returns their answers. */
    @SafeVarargs
    private <T> List<T> race(Callable<T>... calls) throws Exception {
        var start = new CyclicBarrier(calls.length);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> call : calls) {
            futures.add(racers.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    /** The task's events in the outbox, in commit order, as {@code type@version}. */
    private List<String> events(String task) {
        return db.sql("SELECT type, aggregate_version FROM mc_outbox WHERE subject = :subject ORDER BY seq")
                .bind("subject", task)
                .map((row, meta) -> row.get("type", String.class) + "@" + row.get("aggregate_version", Long.class))
                .all().collectList().block(Duration.ofSeconds(10));
    }

    private String outboxData(String task, String type) {
        return db.sql("SELECT data::text AS data FROM mc_outbox WHERE subject = :subject AND type = :type")
                .bind("subject", task).bind("type", type)
                .map((row, meta) -> row.get("data", String.class))
                .one().block(Duration.ofSeconds(10));
    }

    /** A consumer of mc.tasks that reads only what is published after it joined. */
    private KafkaConsumer<String, byte[]> consumer() {
        var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "task-lifecycle-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.TASKS));
        return consumer;
    }
}

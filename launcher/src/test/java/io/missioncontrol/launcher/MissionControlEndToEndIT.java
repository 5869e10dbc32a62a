package io.missioncontrol.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.agent.AgentRegistered;
import io.missioncontrol.contracts.approval.ApprovalDecided;
import io.missioncontrol.contracts.credential.AgentKeyIssued;
import io.missioncontrol.contracts.credential.AgentKeyRevoked;
import io.missioncontrol.contracts.credential.AgentKeys;
import io.missioncontrol.contracts.credential.AgentScopes;
import io.missioncontrol.infra.TestInfrastructure;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/**
 * The whole suite — four services and the gateway, on a real Kafka and a real PostgreSQL — driven over HTTP
 * through the gateway, as a client would.
 */
class MissionControlEndToEndIT {

    private static final Logger log = LoggerFactory.getLogger(MissionControlEndToEndIT.class);
    private static final String ADMIN_TOKEN = "e2e-admin-token-" + UUID.randomUUID() + UUID.randomUUID();
    /**
     * The gateway's budget for response headers, shortened from 30 s so that an event stream can be shown to outlive
     * it in seconds; every other call here answers well within it.
     */
    private static final Duration GATEWAY_RESPONSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Map<String, String> SUITE_PROPERTIES = Map.of(
            "MC_GATEWAY_RESPONSE_TIMEOUT", GATEWAY_RESPONSE_TIMEOUT.toSeconds() + "s",
            "mc.stream.heartbeat", "2s");

    static LocalStack stack;
    static WebTestClient gateway;

    @BeforeAll
    static void startTheSuite() throws Exception {
        Path home = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "mc-e2e");
        LocalSecrets secrets = LocalSecrets.loadOrCreate(home, ADMIN_TOKEN);
        SUITE_PROPERTIES.forEach(System::setProperty);
        stack = LocalStack.start(TestInfrastructure.shared(), new LocalStack.Settings(secrets.adminToken(),
                secrets.privateKeyPem(), secrets.publicKeyPem(), 0, false, secrets.registrySecretKey()));
        gateway = WebTestClient.bindToServer().baseUrl(stack.gatewayUrl()).responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @AfterAll
    static void stopTheSuite() {
        if (stack != null) {
            stack.close();
        }
        SUITE_PROPERTIES.keySet().forEach(System::clearProperty);
    }

    @Test
    void createsTheHierarchyAndTheTimelineShowsEveryStep() {
        String org = create("/api/organizations", Map.of("name", "Acme", "description", "Robots"));
        String group = create("/api/board-groups", Map.of("organization_id", org, "name", "Platform"));
        String board = create("/api/boards", Map.of("board_group_id", group, "name", "Release 2.0"));
        long written = System.nanoTime();
        String task = create("/api/tasks", Map.of("board_id", board, "title", "Rotate tokens", "priority", "high"));

        admin(gateway.get().uri("/api/tasks/{id}", task)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.title").isEqualTo("Rotate tokens");
        admin(gateway.get().uri("/api/boards/{id}", board)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.tasks[0].id").isEqualTo(task);
        admin(gateway.get().uri("/api/boards?organization_id={org}", org)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].id").isEqualTo(board);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(25)).until(() ->
                !activity("/api/activity?resource_type=task&resource_id=" + task).isEmpty());
        log.info("The task reached the activity timeline {} ms after its write",
                (System.nanoTime() - written) / 1_000_000);

        Map<?, ?> entry = activity("/api/activity?resource_type=task&resource_id=" + task).get(0);
        assertThat(entry.get("event_type")).isEqualTo("mc.task.created.v1");
        assertThat(entry.get("organization_id")).isEqualTo(org);
        assertThat(entry.get("actor")).isEqualTo(Map.of("type", "admin", "id", "admin"));
        assertThat((String) entry.get("summary")).contains("Rotate tokens");
        assertThat(entry.get("occurred_at")).isNotNull();

        await().atMost(Duration.ofSeconds(15)).until(() ->
                activity("/api/activity?organization_id=" + org).size() == 4);
        assertThat(activity("/api/activity?organization_id=" + org)).extracting(item -> (Object) item.get("resource_id"))
                .as("newest first").containsExactly(task, board, group, org);
        assertThat(activity("/api/activity?organization_id=" + org + "&limit=2")).hasSize(2);
    }

    @Test
    void streamsBoardChangesThroughTheGateway() {
        String org = create("/api/organizations", Map.of("name", "Live"));
        String group = create("/api/board-groups", Map.of("organization_id", org, "name", "Ops"));
        String board = create("/api/boards", Map.of("board_group_id", group, "name", "Watched"));
        var seen = new CopyOnWriteArrayList<ServerSentEvent<String>>();
        var ended = new AtomicBoolean();

        long opening = System.nanoTime();
        var stream = admin(gateway.get().uri("/api/boards/{id}/stream", board)).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                }).getResponseBody();
        long headers = (System.nanoTime() - opening) / 1_000_000;
        log.info("The stream's headers came through the gateway {} ms after the request", headers);
        assertThat(headers).as("the service's ready message flushes the headers through the gateway").isLessThan(5_000);
        Disposable subscription = stream.doOnTerminate(() -> ended.set(true)).subscribe(seen::add);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
            assertThat(seen.get(0).event()).isEqualTo("ready");

            // Idle but for heartbeats, the stream outlives the gateway's response timeout.
            long opened = System.nanoTime();
            await().atMost(GATEWAY_RESPONSE_TIMEOUT.multipliedBy(3)).until(() ->
                    Duration.ofNanos(System.nanoTime() - opened).compareTo(GATEWAY_RESPONSE_TIMEOUT.plusSeconds(2)) > 0);
            assertThat(ended).as("the stream is still open").isFalse();
            assertThat(seen).filteredOn(message -> "heartbeat".equals(message.comment())).hasSizeGreaterThan(2)
                    .allSatisfy(heartbeat -> assertThat(heartbeat.id()).startsWith("mc.tasks-"));

            String task = create("/api/tasks", Map.of("board_id", board, "title", "Watch me"));
            long written = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() ->
                    seen.stream().anyMatch(message -> "mc.task.created.v1".equals(message.event())));
            log.info("The task reached the board's stream through the gateway {} ms after its creation was answered",
                    (System.nanoTime() - written) / 1_000_000);
            assertThat(seen).filteredOn(message -> "mc.task.created.v1".equals(message.event())).singleElement()
                    .satisfies(event -> assertThat(event.data()).contains("\"subject\":\"" + task + "\"",
                            "\"board_id\":\"" + board + "\"", "\"title\":\"Watch me\""));
            assertThat(ended).isFalse();
        } finally {
            subscription.dispose();
        }

        // Reconnecting with the position the stream opened at replays the task; the gateway passes Last-Event-ID on.
        var resumed = admin(gateway.get().uri("/api/boards/{id}/stream", board)).accept(MediaType.TEXT_EVENT_STREAM)
                .header("Last-Event-ID", seen.get(0).id())
                .exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                }).getResponseBody()
                .filter(message -> message.event() != null);
        StepVerifier.create(resumed)
                .assertNext(ready -> assertThat(ready.data()).isEqualTo("{\"resumed\":true}"))
                .assertNext(event -> assertThat(event.data()).contains("\"title\":\"Watch me\""))
                .thenCancel()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void refusesARequestWithoutTheAdminToken() {
        gateway.get().uri("/api/organizations").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
        gateway.get().uri("/api/organizations").headers(h -> h.setBearerAuth(ADMIN_TOKEN + "x")).exchange()
                .expectStatus().isUnauthorized();
        gateway.get().uri("/healthz").exchange().expectStatus().isOk();
    }

    @Test
    void anAgentKeyOnTheCredentialTopicOpensTheGatewayUntilItIsRevoked() throws Exception {
        gateway.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        String org = create("/api/organizations", Map.of("name", "Keyholders"));
        UUID keyId = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        String secret = AgentKeys.newSecret(new SecureRandom());
        String key = AgentKeys.format(keyId, secret);
        publish(new AgentKeyIssued(keyId, agent, UUID.fromString(org), "keyholder", AgentKeys.hash(secret),
                List.of(AgentScopes.TASKS_READ), null, 1));

        await().atMost(Duration.ofSeconds(5)).until(() -> status(key, "/api/boards?organization_id=" + org) == 200);
        assertThat(status(key, "/api/organizations/" + create("/api/organizations", Map.of("name", "Others"))))
                .as("another organization is not the agent's").isEqualTo(404);

        publish(new AgentKeyRevoked(keyId, agent, UUID.fromString(org), "keyholder", "revoked", 2));
        await().atMost(Duration.ofSeconds(5)).until(() -> status(key, "/api/boards?organization_id=" + org) == 401);
    }

    private static int status(String bearer, String path) {
        return gateway.get().uri(path).headers(h -> h.setBearerAuth(bearer)).exchange()
                .returnResult(String.class).getStatus().value();
    }

    @Test
    void aServiceCalledDirectlyServesNothingButHealth() {
        String taskService = "http://localhost:" + stack.context(LocalStack.Service.TASK).getEnvironment()
                .getRequiredProperty("local.server.port");
        WebTestClient direct = WebTestClient.bindToServer().baseUrl(taskService).build();

        direct.get().uri("/api/organizations").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        direct.get().uri("/api/organizations").headers(h -> h.setBearerAuth(ADMIN_TOKEN)).exchange()
                .expectStatus().isUnauthorized();
        direct.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void answersBadInputWithProblemDetails() {
        admin(gateway.post().uri("/api/organizations")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("malformed_json");
        admin(gateway.post().uri("/api/board-groups")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "")).exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("validation_failed")
                .jsonPath("$.errors[?(@.field == 'organization_id')]").exists();
        admin(gateway.post().uri("/api/tasks")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("board_id", UUID.randomUUID(), "title", "Orphan")).exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("unknown_reference");
        admin(gateway.get().uri("/api/organizations/{id}", UUID.randomUUID())).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("not_found");
        admin(gateway.get().uri("/api/nothing-here")).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /**
     * Board governance through the gateway, as a client meets it. {@code only_lead_can_change_status} refuses people
     * below admin and non-lead agents, and the local run has neither at its door yet (only the admin token): it is
     * covered by task-service's GovernanceIT.
     */
    @Test
    void enforcesBoardGovernanceThroughTheGateway() throws Exception {
        String org = create("/api/organizations", Map.of("name", "Governed"));
        String group = create("/api/board-groups", Map.of("organization_id", org, "name", "Ops"));
        String board = create("/api/boards", Map.of("board_group_id", group, "name", "Production",
                "comment_required_for_review", true, "require_approval_for_done", true,
                "block_status_changes_with_pending_approval", true, "require_review_before_done", true,
                "max_agents", 1));
        String task = create("/api/tasks", Map.of("board_id", board, "title", "Deploy 2.0"));

        assertThat(move(task, "in_progress")).isEqualTo("200");
        assertThat(move(task, "review")).isEqualTo("comment_required");
        admin(gateway.post().uri("/api/tasks/{id}/comments", task)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("body", "Canary is green")).exchange().expectStatus().isCreated();
        assertThat(move(task, "review")).isEqualTo("200");
        assertThat(move(task, "done")).isEqualTo("approval_required");
        assertThat(move(task, "in_progress")).as("frozen while the approval is pending")
                .isEqualTo("status_frozen_pending_approval");

        // The approval service's decision arrives over Kafka; task-service opens the gate.
        publish(new ApprovalDecided(UUID.randomUUID(), UUID.fromString(org), List.of(UUID.fromString(task)),
                "approved", "auth0|carol", "Ship it", 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> move(task, "done").equals("200"));

        assertThat(admin(gateway.post().uri("/api/tasks")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("board_id", board, "title", "Imported", "status", "done")).exchange()
                .expectStatus().isEqualTo(409).expectBody(Map.class).returnResult().getResponseBody().get("code"))
                .as("done only through review").isEqualTo("review_required");

        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        publish(new AgentRegistered(first, UUID.fromString(org), "first", List.of("deploy"), "active", 0));
        publish(new AgentRegistered(second, UUID.fromString(org), "second", List.of("deploy"), "active", 0));
        String work = create("/api/tasks", Map.of("board_id", board, "title", "More work"));
        String more = create("/api/tasks", Map.of("board_id", board, "title", "Even more work"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> patch(work, Map.of("assigned_agent_id", first.toString())).equals("200"));
        // The agents are known a moment after their events: wait for the limit rather than for a 422.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                patch(more, Map.of("assigned_agent_id", second.toString())).equals("max_agents_reached"));
    }

    /** A status change through the gateway: "200", or the refusal's code. */
    private static String move(String task, String status) {
        return patch(task, Map.of("status", status));
    }

    private static String patch(String task, Map<String, ?> body) {
        var result = admin(gateway.patch().uri("/api/tasks/{id}", task)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectBody(Map.class).returnResult();
        return result.getStatus().value() == 200 ? "200" : String.valueOf(result.getResponseBody().get("code"));
    }

    /** Publishes an event as its owning service would, through task-service's own producer. */
    @SuppressWarnings("unchecked")
    private static void publish(DomainEvent data) throws Exception {
        var kafka = (KafkaTemplate<String, byte[]>) stack.context(LocalStack.Service.TASK).getBean("kafkaTemplate");
        var event = EventCodec.cloudEvent(UUID.randomUUID(), data.eventType().name(), "mission-control/e2e",
                data.subject().toString(), OffsetDateTime.now(ZoneOffset.UTC), data.tenant(),
                Actor.system("e2e"), data.aggregateVersion(), EventCodec.toJson(data));
        kafka.send(EventCodec.toRecord(data.eventType().topic(), event)).get();
    }

    private static String create(String path, Map<String, ?> body) {
        Map<?, ?> created = admin(gateway.post().uri(path)).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) created.get("id");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> activity(String uri) {
        Map<?, ?> page = admin(gateway.get().uri(uri)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (List<Map<?, ?>>) page.get("items");
    }

    private static <S extends WebTestClient.RequestHeadersSpec<?>> S admin(S request) {
        request.headers(headers -> headers.setBearerAuth(ADMIN_TOKEN));
        return request;
    }
}

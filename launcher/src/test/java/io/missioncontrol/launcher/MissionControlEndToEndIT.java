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
    static LocalSecrets secrets;

    @BeforeAll
    static void startTheSuite() throws Exception {
        Path home = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "mc-e2e");
        secrets = LocalSecrets.loadOrCreate(home, ADMIN_TOKEN);
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

    /**
     * An agent key as an operator meets it: issued through the registry, shown once, accepted by the gateway from its
     * credential cache, refused within five seconds of its revocation or rotation.
     */
    @Test
    void anAgentKeyIssuedThroughTheRegistryWorksUntilRevokedOrRotated() {
        String org = create("/api/organizations", Map.of("name", "Key lifecycle"));
        String agent = agent(org, "keeper");

        Map<?, ?> issued = issueKey(agent, AgentScopes.TASKS_READ, AgentScopes.TASKS_WRITE);
        String key = (String) issued.get("key");
        String keyId = (String) issued.get("key_id");
        AgentKeys.Presented presented = AgentKeys.parse(key).orElseThrow();
        assertThat(presented.keyId().toString()).isEqualTo(keyId);

        await().atMost(Duration.ofSeconds(5)).until(() -> status(key, "/api/agents/me") == 200);
        asAgent(key, gateway.get().uri("/api/agents/me")).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(agent)
                .jsonPath("$.organization_id").isEqualTo(org);
        asAgent(key, gateway.get().uri("/api/tasks?assigned_agent_id=me")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items").isEmpty();

        String listed = admin(gateway.get().uri("/api/agents/{id}/keys", agent)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(listed).contains(keyId).doesNotContain(presented.secret()).doesNotContain("\"key\"")
                .doesNotContain(AgentKeys.hash(presented.secret()));

        String forged = AgentKeys.format(presented.keyId(), AgentKeys.newSecret(new SecureRandom()));
        asAgent(forged, gateway.get().uri("/api/agents/me")).exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");

        Map<?, ?> rotated = admin(gateway.post().uri("/api/agents/{id}/keys/{key}/rotate", agent, keyId)).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String successor = (String) rotated.get("key");
        assertThat(rotated.get("replaces_key_id")).isEqualTo(keyId);
        assertThat(successor).isNotEqualTo(key);
        await().atMost(Duration.ofSeconds(5)).until(() -> status(key, "/api/agents/me") == 401);
        await().atMost(Duration.ofSeconds(5)).until(() -> status(successor, "/api/agents/me") == 200);

        admin(gateway.delete().uri("/api/agents/{id}/keys/{key}", agent, rotated.get("key_id"))).exchange()
                .expectStatus().isNoContent();
        long revoked = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> status(successor, "/api/agents/me") == 401);
        log.info("A revoked key was refused by the gateway {} ms after the revocation was answered",
                (System.nanoTime() - revoked) / 1_000_000);
        assertThat(admin(gateway.get().uri("/api/agents/{id}/keys", agent)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody())
                .doesNotContain(presented.secret()).doesNotContain(AgentKeys.parse(successor).orElseThrow().secret());
    }

    @Test
    void anAgentKeyCanDoWhatItsScopesAllowInItsOwnOrganizationOnly() {
        String org = create("/api/organizations", Map.of("name", "Scoped"));
        String board = board(org, Map.of("name", "Work"));
        String task = create("/api/tasks", Map.of("board_id", board, "title", "Take me"));
        String agent = agent(org, "worker");
        String reader = (String) issueKey(agent, AgentScopes.TASKS_READ).get("key");
        String writer = (String) issueKey(agent, AgentScopes.TASKS_READ, AgentScopes.TASKS_WRITE).get("key");
        await().atMost(Duration.ofSeconds(5)).until(() -> status(reader, "/api/boards/" + board) == 200);

        asAgent(reader, gateway.post().uri("/api/boards/{id}/claim", board)).exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("insufficient_scope")
                .jsonPath("$.required_scope").isEqualTo(AgentScopes.TASKS_WRITE);
        // task-service learns of the agent from the registry's event a moment after its creation
        assertThat(claim(writer, board)).containsEntry("id", task).containsEntry("assigned_agent_id", agent);
        asAgent(reader, gateway.get().uri("/api/tasks?assigned_agent_id=me")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].id").isEqualTo(task);

        String elsewhere = board(create("/api/organizations", Map.of("name", "Not theirs")), Map.of("name", "Secret"));
        asAgent(writer, gateway.get().uri("/api/boards/{id}", elsewhere)).exchange().expectStatus().isNotFound();
        asAgent(writer, gateway.post().uri("/api/boards/{id}/claim", elsewhere)).exchange().expectStatus().isNotFound();
    }

    /** The last governance flag, through real agent keys: only the lead agent (or an admin) moves a task's status. */
    @Test
    void onlyTheLeadAgentOrAnAdminChangesStatusOnALeadOnlyBoard() {
        String org = create("/api/organizations", Map.of("name", "Led"));
        String lead = agent(org, "lead");
        String other = agent(org, "other");
        String leadKey = (String) issueKey(lead, AgentScopes.TASKS_READ, AgentScopes.TASKS_WRITE).get("key");
        String otherKey = (String) issueKey(other, AgentScopes.TASKS_READ, AgentScopes.TASKS_WRITE).get("key");
        String group = create("/api/board-groups", Map.of("organization_id", org, "name", "Ops"));
        // the lead must be an agent task-service knows, which it does a moment after the registry's event
        String board = await().atMost(Duration.ofSeconds(30)).until(() -> createOrNull("/api/boards",
                Map.of("board_group_id", group, "name", "Led", "only_lead_can_change_status", true,
                        "lead_agent_id", lead)), java.util.Objects::nonNull);
        create("/api/tasks", Map.of("board_id", board, "title", "First"));
        create("/api/tasks", Map.of("board_id", board, "title", "Second"));

        String leadTask = (String) claim(leadKey, board).get("id");
        String otherTask = (String) claim(otherKey, board).get("id");
        assertThat(otherTask).isNotEqualTo(leadTask);

        var refused = asAgent(otherKey, gateway.patch().uri("/api/tasks/{id}", otherTask))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("status", "in_progress")).exchange()
                .expectStatus().isEqualTo(409).expectBody(Map.class).returnResult().getResponseBody();
        assertThat(refused).containsEntry("code", "lead_only").containsEntry("lead_agent_id", lead);
        asAgent(leadKey, gateway.patch().uri("/api/tasks/{id}", leadTask)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", "in_progress")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("in_progress");
        assertThat(move(otherTask, "in_progress")).as("the admin").isEqualTo("200");

        // The timeline shows what each agent did, as the agent.
        await().atMost(Duration.ofSeconds(15)).until(() -> activity("/api/activity?organization_id=" + org
                + "&actor_type=agent&actor_id=" + lead).size() == 2);
        assertThat(activity("/api/activity?organization_id=" + org + "&actor_type=agent&actor_id=" + lead))
                .allSatisfy(entry -> {
                    assertThat(entry.get("actor")).isEqualTo(Map.of("type", "agent", "id", lead));
                    assertThat(entry.get("resource_id")).isEqualTo(leadTask);
                })
                .extracting(entry -> (Object) entry.get("event_type"))
                .containsExactly("mc.task.status-changed.v1", "mc.task.assigned.v1");
        await().atMost(Duration.ofSeconds(15)).until(() ->
                activity("/api/activity?resource_type=task&resource_id=" + otherTask).size() == 3);
        assertThat(activity("/api/activity?resource_type=task&resource_id=" + otherTask))
                .extracting(entry -> (Object) entry.get("actor"))
                .as("the refused move left no trace; the admin's did")
                .containsExactly(Map.of("type", "admin", "id", "admin"), Map.of("type", "agent", "id", other),
                        Map.of("type", "admin", "id", "admin"));

        // max_agents counts the agents claiming through their keys too.
        String small = board(org, Map.of("name", "Small", "max_agents", 1));
        create("/api/tasks", Map.of("board_id", small, "title", "One"));
        create("/api/tasks", Map.of("board_id", small, "title", "Two"));
        claim(leadKey, small);
        asAgent(otherKey, gateway.post().uri("/api/boards/{id}/claim", small)).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("max_agents_reached");
    }

    @Test
    void aHeartbeatSentWithAnAgentKeyShowsTheAgentOnline() {
        String org = create("/api/organizations", Map.of("name", "Heartbeats"));
        String agent = agent(org, "beating");
        String key = (String) issueKey(agent, AgentScopes.TELEMETRY_WRITE).get("key");
        String unscoped = (String) issueKey(agent, AgentScopes.TASKS_READ).get("key");
        admin(gateway.get().uri("/api/agents/{id}", agent)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.presence.online").isEqualTo(false);
        Map<String, Object> heartbeat = Map.of("time", java.time.Instant.now().toString(),
                "runtime", Map.of("status", "running", "version", "2026.3.1"), "cpu_percent", 12.5,
                "memory", Map.of("total_bytes", 16_000_000_000L, "used_bytes", 1_000_000_000L),
                "disk", Map.of("total_bytes", 500_000_000_000L, "used_bytes", 2_000_000_000L),
                "network", Map.of("rx_bytes_per_second", 1000.0, "tx_bytes_per_second", 500.0),
                "token_usage", List.of(Map.of("model", "claude-sonnet", "input_tokens", 100, "output_tokens", 50,
                        "cached_tokens", 7)),
                "errors", List.of());

        // the first heartbeat the gateway lets through is accepted
        assertThat(await().atMost(Duration.ofSeconds(5)).until(() -> heartbeat(key, heartbeat), code -> code != 401))
                .isEqualTo(202);
        asAgent(unscoped, gateway.post().uri("/api/telemetry/heartbeats")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(heartbeat).exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("insufficient_scope")
                .jsonPath("$.required_scope").isEqualTo(AgentScopes.TELEMETRY_WRITE);

        // telemetry announces the agent on mc.presence; the registry shows it
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(((Map<?, ?>) admin(
                gateway.get().uri("/api/agents/{id}", agent)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("presence")).get("online")));
        // The heartbeat itself is read back through the fleet view: its measurements are the agent's latest.
        await().atMost(Duration.ofSeconds(30)).until(() -> fleetEntry(org, agent) != null
                && fleetEntry(org, agent).get("latest") != null);
        Map<?, ?> entry = fleetEntry(org, agent);
        assertThat(entry.get("online")).isEqualTo(true);
        assertThat(entry.get("runtime")).isEqualTo(Map.of("status", "running", "version", "2026.3.1"));
        assertThat(((Map<?, ?>) entry.get("latest")).get("cpu_percent")).isEqualTo(12.5);
        // and the presence change is on the timeline
        await().atMost(Duration.ofSeconds(15)).until(() -> !activity("/api/activity?organization_id=" + org
                + "&type=mc.agent.online.v1&resource_type=agent&resource_id=" + agent).isEmpty());
    }

    /** The agent's entry in the organization's fleet view, or null while there is none. */
    @SuppressWarnings("unchecked")
    private static Map<?, ?> fleetEntry(String org, String agent) {
        Map<?, ?> fleet = admin(gateway.get().uri("/api/telemetry/fleet?organization_id={org}", org)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<?, ?>>) fleet.get("agents")).stream().filter(item -> agent.equals(item.get("agent_id")))
                .findFirst().orElse(null);
    }

    private static int heartbeat(String key, Map<String, Object> body) {
        return asAgent(key, gateway.post().uri("/api/telemetry/heartbeats")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().returnResult(String.class).getStatus().value();
    }

    /** Creates an agent through the registry, once the registry has heard of the organization. */
    private static String agent(String org, String name) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> createOrNull("/api/agents",
                Map.of("organization_id", org, "name", name, "capabilities", List.of("deploy"))),
                java.util.Objects::nonNull);
    }

    private static String board(String org, Map<String, ?> fields) {
        String group = create("/api/board-groups", Map.of("organization_id", org, "name", "Group"));
        var body = new java.util.HashMap<String, Object>(fields);
        body.put("board_group_id", group);
        return create("/api/boards", body);
    }

    private static Map<?, ?> issueKey(String agent, String... scopes) {
        var issued = admin(gateway.post().uri("/api/agents/{id}/keys", agent)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scopes", List.of(scopes))).exchange().expectStatus().isCreated()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody(Map.class).returnResult();
        return issued.getResponseBody();
    }

    /** Claims the board's next task with the key, once task-service knows the agent and the gateway the key. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> claim(String key, String board) {
        return (Map<String, Object>) await().atMost(Duration.ofSeconds(30)).until(() -> {
            var result = asAgent(key, gateway.post().uri("/api/boards/{id}/claim", board)).exchange()
                    .expectBody(Map.class).returnResult();
            return result.getStatus().value() == 200 ? result.getResponseBody() : null;
        }, java.util.Objects::nonNull);
    }

    private static String createOrNull(String path, Map<String, ?> body) {
        var result = admin(gateway.post().uri(path)).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectBody(Map.class).returnResult();
        if (result.getStatus().value() == 201) {
            return (String) result.getResponseBody().get("id");
        }
        log.debug("{} not created yet: {} {}", path, result.getStatus(), result.getResponseBody());
        return null;
    }

    private static <S extends WebTestClient.RequestHeadersSpec<?>> S asAgent(String key, S request) {
        request.headers(headers -> headers.setBearerAuth(key));
        return request;
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
     * Board governance through the gateway, as a client meets it. {@code only_lead_can_change_status} needs agents at
     * the door: {@link #onlyTheLeadAgentOrAnAdminChangesStatusOnALeadOnlyBoard}.
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

        // The approval service's decision arrives over Kafka; task-service opens the gate. The refused completion
        // also made the approval service open a request, whose event marks the task pending again when it arrives
        // after this decision: the decision is sent again until it is the task's last word.
        var decision = new ApprovalDecided(UUID.randomUUID(), UUID.fromString(org), List.of(UUID.fromString(task)),
                "approved", "auth0|carol", "Ship it", 0);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            publish(decision);
            return move(task, "done").equals("200");
        });

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

    /**
     * A gated completion asks task-service for an approval; the approval service turns its event into a pending
     * request, a person decides it, and the decision reaches task-service over Kafka and opens the gate. The approver is
     * a member the gateway would vouch for after an OIDC sign-in; the local run has no identity provider, so the test
     * signs the internal token the gateway would have sent and calls the approval service directly.
     */
    @Test
    void anApprovalDecidedAtTheApprovalServiceOpensTheTaskGate() {
        String org = create("/api/organizations", Map.of("name", "Approvals"));
        admin(gateway.post().uri("/api/organizations/{id}/members", org)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", "auth0|carol", "role", "admin")).exchange().expectStatus().isCreated();
        String group = create("/api/board-groups", Map.of("organization_id", org, "name", "Ops"));
        String board = create("/api/boards", Map.of("board_group_id", group, "name", "Releases",
                "require_approval_for_done", true));
        String task = create("/api/tasks", Map.of("board_id", board, "title", "Release 3.0"));
        assertThat(move(task, "in_progress")).isEqualTo("200");
        assertThat(move(task, "review")).isEqualTo("200");
        assertThat(move(task, "done")).isEqualTo("approval_required");

        String path = "/api/approvals?organization_id=" + org + "&task_id=" + task;
        await().atMost(Duration.ofSeconds(30)).until(() -> !activity(path).isEmpty());
        Map<?, ?> approval = activity(path).get(0);
        assertThat(approval.get("status")).isEqualTo("pending");
        assertThat(approval.get("action")).isEqualTo("complete_task");

        WebTestClient approvals = WebTestClient.bindToServer().baseUrl("http://localhost:" + stack
                .context(LocalStack.Service.APPROVAL).getEnvironment().getProperty("local.server.port")).build();
        String carol = internalToken("auth0|carol");
        // carol's membership reaches the approval service's copy a moment after task-service added her
        await().atMost(Duration.ofSeconds(30)).until(() -> approvals.patch().uri("/api/approvals/{id}", approval.get("id"))
                .headers(headers -> headers.setBearerAuth(carol)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", "approved", "comment", "Ship it")).exchange()
                .returnResult(Map.class).getStatus().value() == 200);

        await().atMost(Duration.ofSeconds(30)).until(() -> move(task, "done").equals("200"));
    }

    /** The internal token the gateway signs for a person who signed in with OIDC. */
    private static String internalToken(String subject) {
        try {
            var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder()
                    .issuer("mission-control-gateway")
                    .audience("mission-control")
                    .subject(subject)
                    .claim("kind", "user")
                    .issueTime(new java.util.Date())
                    .expirationTime(new java.util.Date(System.currentTimeMillis() + 600_000))
                    .jwtID(UUID.randomUUID().toString())
                    .build();
            var jwt = new com.nimbusds.jwt.SignedJWT(
                    new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.RS256), claims);
            jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(
                    io.missioncontrol.platform.security.InternalKeys.privateKeyFromPem(secrets.privateKeyPem())));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
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

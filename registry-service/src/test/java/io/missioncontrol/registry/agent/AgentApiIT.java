package io.missioncontrol.registry.agent;

import static io.missioncontrol.registry.RegistryApi.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.agent.AgentRegistered;
import io.missioncontrol.contracts.agent.AgentRetired;
import io.missioncontrol.contracts.agent.AgentStatusChanged;
import io.missioncontrol.contracts.agent.AgentWentOffline;
import io.missioncontrol.contracts.agent.AgentWentOnline;
import io.missioncontrol.contracts.board.BoardArchived;
import io.missioncontrol.contracts.board.BoardCreated;
import io.missioncontrol.contracts.board.BoardUpdated;
import io.missioncontrol.contracts.credential.AgentKeyRevoked;
import io.missioncontrol.contracts.task.TaskAssigned;
import io.missioncontrol.contracts.task.TaskCreated;
import io.missioncontrol.contracts.task.TaskStatusChanged;
import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import io.missioncontrol.registry.RegistryApi;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@ServiceTest
class AgentApiIT {

    @Autowired
    WebTestClient http;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    DatabaseClient db;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    RegistryApi api;
    UUID organization;

    @BeforeEach
    void setUp() {
        api = new RegistryApi(http, kafka, bootstrapServers, db);
        organization = api.organization();
    }

    @Test
    void keepsAJson5ConfigAsWrittenAndServesItAsJsonToo() {
        String source = AgentConfigTest.OPENCLAW;
        var created = api.post(TestTokens.admin(), "/api/agents", Map.of(
                "organization_id", organization.toString(), "name", "welder", "description", "Welds seams",
                "capabilities", List.of("weld", "inspect", "weld"),
                "model_settings", Map.of("model", "claude", "temperature", 0.2, "max_tokens", 4096, "top_p", 0.9),
                "config", source));

        assertThat(created.getStatus().value()).isEqualTo(201);
        assertThat(created.getResponseHeaders().getETag()).isEqualTo("\"0\"");
        String id = (String) created.getResponseBody().get("id");
        Map<String, Object> read = api.get(TestTokens.admin(), "/api/agents/" + id).getResponseBody();
        assertThat(read).containsEntry("config_source", source)
                .containsEntry("status", "provisioning")
                .containsEntry("capabilities", List.of("weld", "inspect"))
                .containsEntry("leads_boards", List.of())
                .containsEntry("presence", presence(false, null))
                .containsEntry("version", 0);
        assertThat(read.get("config")).isEqualTo(Map.of(
                "agent", Map.of("model", "anthropic/claude-sonnet-4", "temperature", 0.7, "maxTokens", 4096,
                        "tools", List.of("browser", "shell")),
                "gateway", Map.of("port", 18789, "bind", "loopback"),
                "retries", 3, "ratio", 150, "note", "line one continued"));
        assertThat(read.get("model_settings")).isEqualTo(Map.of("model", "claude", "temperature", 0.2,
                "max_tokens", 4096, "top_p", 0.9));
    }

    @Test
    void refusesABrokenConfigAndBadSettingsWithCodes() {
        var broken = api.post(TestTokens.admin(), "/api/agents", Map.of("organization_id", organization.toString(),
                "name", "x", "config", "{ model: 'a', } }"));
        var settings = api.post(TestTokens.admin(), "/api/agents", Map.of("organization_id", organization.toString(),
                "name", "x", "model_settings", Map.of("temperature", 7, "max_tokens", -1)));
        var noName = api.post(TestTokens.admin(), "/api/agents", Map.of("organization_id", organization.toString()));

        assertThat(broken.getStatus().value()).isEqualTo(422);
        assertThat(broken.getResponseBody()).containsEntry("code", "invalid_config");
        assertThat(settings.getStatus().value()).isEqualTo(422);
        assertThat(settings.getResponseBody()).containsEntry("code", "validation_failed");
        assertThat(noName.getResponseBody()).containsEntry("code", "validation_failed");
    }

    @Test
    void walksTheLifecycleAndAnswersAnIllegalTransitionWith409() {
        String id = (String) api.agent(organization, "runner", Map.of()).get("id");

        var paused = api.post(TestTokens.admin(), "/api/agents/" + id + "/pause", null);
        assertThat(paused.getStatus().value()).isEqualTo(409);
        assertThat(paused.getResponseBody()).containsEntry("code", "illegal_transition")
                .containsEntry("from", "provisioning").containsEntry("allowed_actions", List.of("activate", "retire"));

        assertThat(api.post(TestTokens.admin(), "/api/agents/" + id + "/activate", null).getResponseBody())
                .containsEntry("status", "active").containsEntry("version", 1);
        assertThat(api.post(TestTokens.admin(), "/api/agents/" + id + "/pause", null).getResponseBody())
                .containsEntry("status", "paused");
        assertThat(api.post(TestTokens.admin(), "/api/agents/" + id + "/activate", null).getResponseBody())
                .containsEntry("code", "illegal_transition");
        var resumed = api.post(TestTokens.admin(), "/api/agents/" + id + "/resume", null);
        assertThat(resumed.getResponseBody()).containsEntry("status", "active").containsEntry("version", 3);
        assertThat(resumed.getResponseHeaders().getETag()).isEqualTo("\"3\"");

        try (var events = api.events(Topics.AGENTS)) {
            AgentStatusChanged last = events.await(AgentStatusChanged.class,
                    event -> event.agentId().toString().equals(id) && event.version() == 3);
            assertThat(last.from() + "->" + last.to()).isEqualTo("paused->active");
            assertThat(events.await(AgentRegistered.class, event -> event.agentId().toString().equals(id)).status())
                    .isEqualTo("provisioning");
        }
    }

    @Test
    void refusesAStaleIfMatchAndAPatchOfTheStatus() {
        String id = (String) api.agent(organization, "editor", Map.of()).get("id");

        var renamed = api.admin().patch().uri("/api/agents/" + id).header("If-Match", "\"0\"")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "editor-2", "description", "new", "config", "{a: 1, /* b */}"))
                .exchange().expectStatus().isOk().expectBody(RegistryApi.JSON_MAP).returnResult();
        var stale = api.admin().patch().uri("/api/agents/" + id).header("If-Match", "\"0\"")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "editor-3"))
                .exchange().expectStatus().isEqualTo(409).expectBody(RegistryApi.JSON_MAP).returnResult();
        var status = api.admin().patch().uri("/api/agents/" + id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", "active"))
                .exchange().expectStatus().isEqualTo(422).expectBody(RegistryApi.JSON_MAP).returnResult();

        assertThat(renamed.getResponseBody()).containsEntry("name", "editor-2").containsEntry("version", 1)
                .containsEntry("config_source", "{a: 1, /* b */}").containsEntry("config", Map.of("a", 1));
        assertThat(stale.getResponseBody()).containsEntry("code", "version_conflict").containsEntry("current_version", 1);
        assertThat(status.getResponseBody()).containsEntry("code", "validation_failed");
    }

    @Test
    void retiringRevokesEveryKeyAndListsTheOpenTasksWithoutUnassigningThem() {
        String id = (String) api.agent(organization, "retiree", Map.of()).get("id");
        UUID agent = UUID.fromString(id);
        UUID board = UUID.randomUUID();
        UUID open = UUID.randomUUID();
        UUID done = UUID.randomUUID();
        UUID handedOn = UUID.randomUUID();
        api.publish(Topics.BOARDS, new BoardCreated(board, UUID.randomUUID(), organization, "Line", null, 0));
        api.publish(Topics.TASKS, new TaskCreated(open, board, organization, "Open", null, "in_progress", "high",
                agent, null, List.of(), 0));
        api.publish(Topics.TASKS, new TaskCreated(done, board, organization, "Done", null, "todo", "low", agent, null,
                List.of(), 0));
        api.publish(Topics.TASKS, new TaskStatusChanged(done, board, organization, "Done", "review", "done", null, 4));
        api.publish(Topics.TASKS, new TaskCreated(handedOn, board, organization, "Handed on", null, "todo", "low",
                agent, null, List.of(), 0));
        api.publish(Topics.TASKS, new TaskAssigned(handedOn, board, organization, "Handed on", UUID.randomUUID(),
                agent, 1));
        await().atMost(PATIENCE).until(() -> version("task_ref", handedOn) == 1 && version("task_ref", done) == 4);
        String first = (String) api.post(TestTokens.admin(), "/api/agents/" + id + "/keys",
                Map.of("scopes", List.of("tasks:read"))).getResponseBody().get("key_id");
        String second = (String) api.post(TestTokens.admin(), "/api/agents/" + id + "/keys",
                Map.of("scopes", List.of("telemetry:write"))).getResponseBody().get("key_id");

        try (var events = api.events(Topics.AGENTS, Topics.CREDENTIALS)) {
            var retired = api.as(TestTokens.admin()).delete().uri("/api/agents/" + id).exchange()
                    .expectStatus().isOk().expectBody(RegistryApi.JSON_MAP).returnResult().getResponseBody();

            assertThat(retired).containsEntry("revoked_keys", 2);
            assertThat((Map<String, Object>) retired.get("agent")).containsEntry("status", "retired");
            assertThat(retired.get("open_tasks")).isEqualTo(List.of(Map.of("task_id", open.toString(),
                    "board_id", board.toString(), "title", "Open", "status", "in_progress")));
            AgentRetired event = events.await(AgentRetired.class, e -> e.agentId().equals(agent));
            assertThat(event.openTaskIds()).containsExactly(open);
            for (String key : List.of(first, second)) {
                assertThat(events.await(AgentKeyRevoked.class, e -> e.keyId().toString().equals(key)).reason())
                        .isEqualTo("agent_retired");
            }
        }
        assertThat(api.get(TestTokens.admin(), "/api/agents/" + id + "/keys").getResponseBody().get("items"))
                .asList().extracting(item -> (Object) ((Map<?, ?>) item).get("status")).containsOnly("revoked");
        var again = api.post(TestTokens.admin(), "/api/agents/" + id + "/retire", null);
        assertThat(again.getStatus().value()).isEqualTo(409);
        assertThat(again.getResponseBody()).containsEntry("code", "agent_retired");
        var key = api.post(TestTokens.admin(), "/api/agents/" + id + "/keys", Map.of("scopes", List.of("tasks:read")));
        assertThat(key.getStatus().value()).isEqualTo(409);
        assertThat(key.getResponseBody()).containsEntry("code", "agent_retired");
    }

    @Test
    void presenceEventsFlipOnlineAndOfflineAndIgnoreStaleOnes() {
        String id = (String) api.agent(organization, "heartbeat", Map.of("capabilities", List.of("ping"))).get("id");
        UUID agent = UUID.fromString(id);
        Instant seen = Instant.now().truncatedTo(ChronoUnit.MICROS);

        api.publish(Topics.PRESENCE, new AgentWentOnline(agent, organization, seen, 2));
        await().atMost(PATIENCE).until(() -> presenceVersion(agent) == 2);
        assertThat(api.get(TestTokens.admin(), "/api/agents/" + id).getResponseBody())
                .containsEntry("presence", Map.of("online", true, "last_seen_at", seen.toString()))
                .containsEntry("version", 0);
        assertThat(api.get(TestTokens.admin(), "/api/agents?organization_id=" + organization + "&presence=online")
                .getResponseBody().get("items")).asList().hasSize(1);

        api.publish(Topics.PRESENCE, new AgentWentOffline(agent, organization, seen.minusSeconds(60), 1));
        api.publish(Topics.PRESENCE, new AgentWentOffline(agent, organization, seen.plusSeconds(90), 3));
        await().atMost(PATIENCE).until(() -> presenceVersion(agent) == 3);
        assertThat(api.get(TestTokens.admin(), "/api/agents/" + id).getResponseBody().get("presence"))
                .isEqualTo(Map.of("online", false, "last_seen_at", seen.plusSeconds(90).toString()));
        assertThat(api.get(TestTokens.admin(), "/api/agents?organization_id=" + organization + "&presence=online")
                .getResponseBody().get("items")).asList().isEmpty();
    }

    @Test
    void showsTheBoardsAnAgentLeadsFromTaskServiceEvents() {
        String id = (String) api.agent(organization, "lead", Map.of()).get("id");
        UUID agent = UUID.fromString(id);
        UUID led = UUID.randomUUID();
        UUID archived = UUID.randomUUID();
        UUID group = UUID.randomUUID();

        api.publish(Topics.BOARDS, new BoardCreated(led, group, organization, "Led", null, 0));
        api.publish(Topics.BOARDS, lead(led, group, agent, 1));
        api.publish(Topics.BOARDS, new BoardCreated(archived, group, organization, "Old", null, 0));
        api.publish(Topics.BOARDS, lead(archived, group, agent, 1));
        api.publish(Topics.BOARDS, new BoardArchived(archived, group, organization, "Old", 0, 2));
        await().atMost(PATIENCE).until(() -> version("board_ref", led) == 1 && version("board_ref", archived) == 2);

        assertThat(api.get(TestTokens.admin(), "/api/agents/" + id).getResponseBody())
                .containsEntry("leads_boards", List.of(led.toString()));
    }

    @Test
    void listsAnOrganizationsAgentsNewestFirstWithFiltersAndCursors() {
        api.agent(organization, "alpha welder", Map.of("capabilities", List.of("weld")));
        api.agent(organization, "beta", Map.of("capabilities", List.of("weld", "paint"), "description", "Paints 100%"));
        String gamma = (String) api.agent(organization, "gamma", Map.of("capabilities", List.of("paint"))).get("id");
        api.post(TestTokens.admin(), "/api/agents/" + gamma + "/activate", null);
        api.agent(api.organization(), "elsewhere", Map.of("capabilities", List.of("weld")));
        String list = "/api/agents?organization_id=" + organization;

        assertThat(names(api.get(TestTokens.admin(), list).getResponseBody())).containsExactly("gamma", "beta",
                "alpha welder");
        assertThat(names(api.get(TestTokens.admin(), list + "&capability=weld").getResponseBody()))
                .containsExactly("beta", "alpha welder");
        assertThat(names(api.get(TestTokens.admin(), list + "&status=active").getResponseBody()))
                .containsExactly("gamma");
        assertThat(names(api.get(TestTokens.admin(), list + "&q=WELD").getResponseBody()))
                .containsExactly("alpha welder");
        assertThat(names(api.admin().get().uri(list + "&q={q}", "100%").exchange().expectBody(RegistryApi.JSON_MAP)
                .returnResult().getResponseBody())).containsExactly("beta");
        assertThat(names(api.admin().get().uri(list + "&q={q}", "a_w").exchange().expectBody(RegistryApi.JSON_MAP)
                .returnResult().getResponseBody())).isEmpty();
        var page = api.get(TestTokens.admin(), list + "&limit=2").getResponseBody();
        assertThat(names(page)).containsExactly("gamma", "beta");
        var next = api.get(TestTokens.admin(), list + "&limit=2&cursor=" + page.get("next_cursor")).getResponseBody();
        assertThat(names(next)).containsExactly("alpha welder");
        assertThat(next.get("next_cursor")).isNull();
        assertThat(api.get(TestTokens.admin(), list + "&status=sleeping").getResponseBody())
                .containsEntry("code", "invalid_parameter");
    }

    @Test
    void agentsReadTheirOrganizationOnlyWithTasksReadButAlwaysThemselves() {
        String id = (String) api.agent(organization, "self", Map.of()).get("id");
        String other = (String) api.agent(organization, "colleague", Map.of()).get("id");
        UUID agent = UUID.fromString(id);
        String noScopes = TestTokens.agent(agent, organization, "telemetry:write");
        String reader = TestTokens.agent(agent, organization, "tasks:read");

        assertThat(api.get(noScopes, "/api/agents/me").getResponseBody()).containsEntry("id", id);
        assertThat(api.get(noScopes, "/api/agents/" + id).getResponseBody()).containsEntry("id", id);
        var refused = api.get(noScopes, "/api/agents/" + other);
        assertThat(refused.getStatus().value()).isEqualTo(403);
        assertThat(refused.getResponseBody()).containsEntry("code", "insufficient_scope");
        assertThat(api.get(noScopes, "/api/agents?organization_id=" + organization).getStatus().value())
                .isEqualTo(403);
        assertThat(api.get(reader, "/api/agents/" + other).getResponseBody()).containsEntry("id", other);
        assertThat(names(api.get(reader, "/api/agents?organization_id=" + organization).getResponseBody()))
                .containsExactly("colleague", "self");
        var manage = api.post(reader, "/api/agents/" + other + "/pause", null);
        assertThat(manage.getStatus().value()).isEqualTo(403);
        var create = api.post(reader, "/api/agents", Map.of("organization_id", organization.toString(), "name", "x"));
        assertThat(create.getStatus().value()).isEqualTo(403);
    }

    @Test
    void anotherOrganizationsAgentIsNotFound() {
        String id = (String) api.agent(organization, "private", Map.of()).get("id");
        UUID stranger = UUID.randomUUID();
        String outsider = TestTokens.agent(stranger, UUID.randomUUID(), "tasks:read", "tasks:write");

        for (var result : List.of(api.get(outsider, "/api/agents/" + id),
                api.get(outsider, "/api/agents?organization_id=" + organization),
                api.get(outsider, "/api/agents/" + id + "/keys"),
                api.post(outsider, "/api/agents/" + id + "/retire", null),
                api.post(outsider, "/api/agents/" + id + "/keys", Map.of("scopes", List.of("tasks:read"))),
                api.get(outsider, "/api/agents/me"),
                api.get(TestTokens.admin(), "/api/agents/me"))) {
            assertThat(result.getStatus().value()).isEqualTo(404);
            assertThat(result.getResponseBody()).containsEntry("code", "not_found");
        }
    }

    private static Map<String, Object> presence(boolean online, Object lastSeenAt) {
        Map<String, Object> presence = new java.util.HashMap<>();
        presence.put("online", online);
        presence.put("last_seen_at", lastSeenAt);
        return presence;
    }

    private BoardUpdated lead(UUID board, UUID group, UUID agent, long version) {
        return new BoardUpdated(board, group, organization, "b", null, false, false, false, false, false, agent,
                null, List.of("lead_agent_id"), version);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> names(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> item.get("name")).toList();
    }

    private long version(String table, UUID id) {
        return db.sql("SELECT version FROM " + table + " WHERE id = :id").bind("id", id)
                .map((row, meta) -> row.get("version", Long.class)).one().defaultIfEmpty(-1L).block();
    }

    private long presenceVersion(UUID agent) {
        return db.sql("SELECT presence_version FROM agent WHERE id = :id").bind("id", agent)
                .map((row, meta) -> row.get("presence_version", Long.class)).one().defaultIfEmpty(-2L).block();
    }
}

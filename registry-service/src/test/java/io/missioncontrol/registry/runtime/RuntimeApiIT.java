package io.missioncontrol.registry.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import io.missioncontrol.registry.RuntimesApi;
import io.missioncontrol.registry.StubRuntime;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Registering, reading, changing and removing runtimes; the token goes in and never comes out. */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class RuntimeApiIT {

    @Autowired
    WebTestClient http;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    DatabaseClient db;

    private RuntimesApi api;
    private StubRuntime stub;
    private final String token = "rt_" + UUID.randomUUID().toString().replace("-", "");

    @BeforeEach
    void freshOrganization() {
        http = RuntimesApi.patient(http);
        api = new RuntimesApi(http, db, kafka);
        stub = new StubRuntime();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void neverReturnsOrLogsTheToken(CapturedOutput output) {
        Map<String, Object> created = api.register("gpu-east", stub.url(), token, List.of("GPU", "python", "gpu"));
        String id = (String) created.get("id");
        assertThat(created).containsEntry("has_token", true).containsEntry("name", "gpu-east")
                .containsEntry("organization_id", api.organization.toString())
                .containsEntry("capabilities", List.of("gpu", "python")).doesNotContainKey("auth_token");
        assertThat(created.get("health")).isEqualTo(health("unknown"));

        String rotated = "rt_rotated_" + UUID.randomUUID();
        List<String> answers = List.of(
                body(http.get().uri("/api/runtimes/{id}", id)),
                body(http.get().uri("/api/runtimes?organization_id={org}", api.organization)),
                new String(http.patch().uri("/api/runtimes/{id}", id).headers(h -> h.setBearerAuth(TestTokens.admin()))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("auth_token", rotated)).exchange()
                        .expectStatus().isOk().expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8));
        api.awaitHealth(id, "healthy");

        assertThat(answers).allSatisfy(answer -> assertThat(answer).contains(id).doesNotContain(token)
                .doesNotContain(rotated));
        assertThat(api.events(id)).extracting(event -> event.get("type")).contains("mc.runtime.registered.v1",
                "mc.runtime.updated.v1", "mc.runtime.health-changed.v1");
        assertThat(api.events(id)).allSatisfy(event -> assertThat((String) event.get("data")).doesNotContain(token)
                .doesNotContain(rotated));
        byte[] stored = db.sql("SELECT token_ciphertext FROM runtime WHERE id = :id").bind("id", UUID.fromString(id))
                .map(row -> row.get(0, byte[].class)).one().block();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(rotated);
        assertThat(output.getAll()).doesNotContain(token).doesNotContain(rotated);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data", "http://10.0.0.1:8080", "http://192.168.0.10",
            "http://127.0.0.2:8080", "http://[::1]:8080", "http://172.20.1.1", "http://100.64.1.1",
            "ftp://runtime.example.com", "http://user:pw@runtime.example.com"})
    void refusesEndpointsThatReachInternalNetworks(String url) {
        http.post().uri("/api/runtimes").headers(h -> h.setBearerAuth(TestTokens.admin()))
                .bodyValue(Map.of("organization_id", api.organization.toString(), "name", "internal", "endpoint_url", url,
                        "auth_token", token))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("endpoint_not_allowed");
    }

    @Test
    void refusesToMoveARuntimeOntoAnInternalAddress() {
        String id = (String) api.register("mover", stub.url(), token, List.of()).get("id");
        http.patch().uri("/api/runtimes/{id}", id).headers(h -> h.setBearerAuth(TestTokens.admin()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("endpoint_url", "http://169.254.169.254/")).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("endpoint_not_allowed");
        assertThat(api.runtime(id)).containsEntry("endpoint_url", stub.url());
        assertThat(api.events(id)).extracting(event -> event.get("type")).doesNotContain("mc.runtime.updated.v1");
    }

    @Test
    void rotatesAndRemovesTheTokenWithConditionalPatches() {
        String id = (String) api.register("rotating", stub.url(), token, List.of("a")).get("id");
        // The first health check changes the version too (unknown -> healthy): wait for it, then hold the version.
        api.awaitHealth(id, "healthy");
        long version = ((Number) api.runtime(id).get("version")).longValue();
        http.patch().uri("/api/runtimes/{id}", id).headers(h -> {
                    h.setBearerAuth(TestTokens.admin());
                    h.setIfMatch("\"" + (version + 7) + "\"");
                }).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("auth_token", "new")).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("version_conflict");

        http.patch().uri("/api/runtimes/{id}", id).headers(h -> {
                    h.setBearerAuth(TestTokens.admin());
                    h.setIfMatch("\"" + version + "\"");
                }).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("auth_token", "new-token", "name", "renamed")).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"" + (version + 1) + "\"")
                .expectBody().jsonPath("$.name").isEqualTo("renamed").jsonPath("$.has_token").isEqualTo(true);

        Map<String, Object> noToken = new HashMap<>();
        noToken.put("auth_token", null);
        http.patch().uri("/api/runtimes/{id}", id).headers(h -> h.setBearerAuth(TestTokens.admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(noToken).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.has_token").isEqualTo(false);
        assertThat(api.events(id)).extracting(event -> (String) event.get("data"))
                .anySatisfy(data -> assertThat(data).contains("\"token_rotated\": true").contains("renamed"));
    }

    @Test
    void removesARuntime() {
        String id = (String) api.register("leaving", stub.url(), token, List.of()).get("id");
        http.delete().uri("/api/runtimes/{id}", id).headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectStatus().isNoContent();
        http.get().uri("/api/runtimes/{id}", id).headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("not_found");
        assertThat(api.events(id)).extracting(event -> event.get("type")).contains("mc.runtime.removed.v1");
    }

    @Test
    void refusesASecondRuntimeWithTheSameName() {
        api.register("twin", stub.url(), token, List.of());
        http.post().uri("/api/runtimes").headers(h -> h.setBearerAuth(TestTokens.admin()))
                .bodyValue(Map.of("organization_id", api.organization.toString(), "name", "TWIN",
                        "endpoint_url", stub.url()))
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("runtime_name_taken");
    }

    @Test
    void refusesInvalidSettingsWithoutEchoingTheToken() {
        String longToken = "x".repeat(5000);
        String answer = new String(http.post().uri("/api/runtimes").headers(h -> h.setBearerAuth(TestTokens.admin()))
                .bodyValue(Map.of("organization_id", api.organization.toString(), "name", "bad",
                        "endpoint_url", stub.url(), "auth_token", longToken, "capabilities", List.of("no spaces")))
                .exchange().expectStatus().isEqualTo(422).expectBody().returnResult().getResponseBody(),
                StandardCharsets.UTF_8);
        assertThat(answer).contains("validation_failed").doesNotContain(longToken);
    }

    @Test
    void listsRuntimesInPages() {
        api.register("one", stub.url(), token, List.of());
        api.register("two", stub.url(), token, List.of());
        api.register("three", stub.url(), token, List.of());
        var first = http.get().uri("/api/runtimes?organization_id={org}&limit=2", api.organization)
                .headers(h -> h.setBearerAuth(TestTokens.admin())).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<?>) first.get("items")).hasSize(2);
        http.get().uri("/api/runtimes?organization_id={org}&limit=2&cursor={cursor}", api.organization,
                        first.get("next_cursor"))
                .headers(h -> h.setBearerAuth(TestTokens.admin())).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.items[0].name").isEqualTo("one")
                .jsonPath("$.next_cursor").doesNotExist();
    }

    @Test
    void letsNoAgentManageRuntimes() {
        UUID agent = UUID.randomUUID();
        String agentToken = TestTokens.agent(agent, api.organization, "tasks:read", "tasks:write");
        http.post().uri("/api/runtimes").headers(h -> h.setBearerAuth(agentToken))
                .bodyValue(Map.of("organization_id", api.organization.toString(), "name", "mine",
                        "endpoint_url", stub.url()))
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("forbidden");
        String id = (String) api.register("theirs", stub.url(), token, List.of()).get("id");
        http.delete().uri("/api/runtimes/{id}", id).headers(h -> h.setBearerAuth(agentToken)).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void hidesRuntimesFromOutsiders() {
        String id = (String) api.register("hidden", stub.url(), token, List.of()).get("id");
        String outsider = TestTokens.user("outsider-" + UUID.randomUUID());
        http.get().uri("/api/runtimes/{id}", id).headers(h -> h.setBearerAuth(outsider)).exchange()
                .expectStatus().isNotFound();
        String otherAgent = TestTokens.agent(UUID.randomUUID(), UUID.randomUUID(), "tasks:read");
        http.get().uri("/api/runtimes/{id}", id).headers(h -> h.setBearerAuth(otherAgent)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/runtimes?organization_id={org}", api.organization).headers(h -> h.setBearerAuth(outsider))
                .exchange().expectStatus().isNotFound();
    }

    private String body(WebTestClient.RequestHeadersSpec<?> request) {
        return new String(request.headers(h -> h.setBearerAuth(TestTokens.admin())).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> health(String status) {
        Map<String, Object> health = new HashMap<>();
        health.put("status", status);
        health.put("last_checked_at", null);
        health.put("last_error", null);
        return health;
    }
}

package io.missioncontrol.registry.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.credential.AgentKeyIssued;
import io.missioncontrol.contracts.credential.AgentKeyRevoked;
import io.missioncontrol.contracts.credential.AgentKeys;
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
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@ServiceTest
class AgentKeysIT {

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
    String agent;

    @BeforeEach
    void setUp() {
        api = new RegistryApi(http, kafka, bootstrapServers, db);
        organization = api.organization();
        agent = (String) api.agent(organization, "keyholder", Map.of()).get("id");
    }

    @Test
    void showsTheKeyOnceAndStoresOnlyItsHash() {
        Instant expiry = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.MICROS);
        var issued = api.post(TestTokens.admin(), keys(), Map.of("scopes", List.of("tasks:write", "tasks:read"),
                "expires_at", expiry.toString()));

        assertThat(issued.getStatus().value()).isEqualTo(201);
        assertThat(issued.getResponseHeaders().getCacheControl()).isEqualTo("no-store");
        Map<String, Object> body = issued.getResponseBody();
        String key = (String) body.get("key");
        String keyId = (String) body.get("key_id");
        AgentKeys.Presented presented = AgentKeys.parse(key).orElseThrow();
        assertThat(presented.keyId().toString()).isEqualTo(keyId);
        assertThat(body).containsEntry("scopes", List.of("tasks:read", "tasks:write"))
                .containsEntry("expires_at", expiry.toString()).containsKey("created_at");

        String listed = api.as(TestTokens.admin()).get().uri(keys()).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(listed).contains(keyId).contains("\"status\":\"active\"")
                .doesNotContain(presented.secret()).doesNotContain(AgentKeys.hash(presented.secret()))
                .doesNotContain("\"key\"").doesNotContain("hash");

        String row = db.sql("SELECT row_to_json(k)::text AS row FROM agent_key k WHERE id = :id")
                .bind("id", presented.keyId()).map((r, meta) -> r.get("row", String.class)).one().block();
        assertThat(row).doesNotContain(presented.secret()).contains(AgentKeys.hash(presented.secret()));
        String outbox = db.sql("SELECT string_agg(data::text, ' ') AS data FROM mc_outbox WHERE subject = :id")
                .bind("id", keyId).map((r, meta) -> r.get("data", String.class)).one().block();
        assertThat(outbox).doesNotContain(presented.secret());
    }

    @Test
    void rotateAndRevokePublishTheirEvents() {
        String keyId = (String) api.post(TestTokens.admin(), keys(), Map.of("scopes", List.of("telemetry:write")))
                .getResponseBody().get("key_id");

        try (var events = api.events(Topics.CREDENTIALS)) {
            var rotated = api.post(TestTokens.admin(), keys() + "/" + keyId + "/rotate", null);
            assertThat(rotated.getStatus().value()).isEqualTo(201);
            String newId = (String) rotated.getResponseBody().get("key_id");
            String newKey = (String) rotated.getResponseBody().get("key");
            assertThat(rotated.getResponseBody()).containsEntry("replaces_key_id", keyId)
                    .containsEntry("scopes", List.of("telemetry:write"));

            AgentKeyIssued issued = events.await(AgentKeyIssued.class, e -> e.keyId().toString().equals(newId));
            assertThat(issued.agentId().toString()).isEqualTo(agent);
            assertThat(issued.agentName()).isEqualTo("keyholder");
            assertThat(AgentKeys.matches(AgentKeys.parse(newKey).orElseThrow().secret(), issued.secretHash())).isTrue();
            assertThat(events.await(AgentKeyRevoked.class, e -> e.keyId().toString().equals(keyId)).reason())
                    .isEqualTo("rotated");

            api.as(TestTokens.admin()).delete().uri(keys() + "/" + newId).exchange().expectStatus().isNoContent();
            AgentKeyRevoked revoked = events.await(AgentKeyRevoked.class, e -> e.keyId().toString().equals(newId));
            assertThat(revoked.reason()).isEqualTo("revoked");
            assertThat(revoked.version()).isEqualTo(1);
        }
        api.as(TestTokens.admin()).delete().uri(keys() + "/" + keyId).exchange().expectStatus().isNoContent();
        var again = api.post(TestTokens.admin(), keys() + "/" + keyId + "/rotate", null);
        assertThat(again.getStatus().value()).isEqualTo(409);
        assertThat(again.getResponseBody()).containsEntry("code", "key_revoked");
        assertThat(api.get(TestTokens.admin(), keys()).getResponseBody().get("items")).asList()
                .extracting(item -> (Object) ((Map<?, ?>) item).get("revoked_reason"))
                .containsExactlyInAnyOrder("rotated", "revoked");
    }

    @Test
    void refusesUnknownScopesAndEmptyOnes() {
        var unknown = api.post(TestTokens.admin(), keys(), Map.of("scopes", List.of("tasks:read", "admin")));
        var empty = api.post(TestTokens.admin(), keys(), Map.of("scopes", List.of()));
        var past = api.post(TestTokens.admin(), keys(), Map.of("scopes", List.of("tasks:read"),
                "expires_at", "2020-01-01T00:00:00Z"));

        assertThat(unknown.getStatus().value()).isEqualTo(422);
        assertThat(unknown.getResponseBody()).containsEntry("code", "unknown_scope")
                .containsEntry("unknown_scopes", List.of("admin"));
        assertThat(empty.getStatus().value()).isEqualTo(422);
        assertThat(past.getStatus().value()).isEqualTo(422);
        assertThat(api.get(TestTokens.admin(), keys()).getResponseBody().get("items")).asList().isEmpty();
    }

    @Test
    void agentsManageNoKeysNotEvenTheirOwn() {
        String self = TestTokens.agent(UUID.fromString(agent), organization, "tasks:read", "tasks:write",
                "telemetry:write", "approvals:request");

        var issue = api.post(self, keys(), Map.of("scopes", List.of("tasks:read")));
        var list = api.get(self, keys());

        assertThat(issue.getStatus().value()).isEqualTo(403);
        assertThat(issue.getResponseBody()).containsEntry("code", "forbidden");
        assertThat(list.getStatus().value()).isEqualTo(403);
        assertThat(api.post(TestTokens.admin(), "/api/agents/" + UUID.randomUUID() + "/keys",
                Map.of("scopes", List.of("tasks:read"))).getStatus().value()).isEqualTo(404);
        assertThat(api.post(TestTokens.admin(), keys() + "/" + UUID.randomUUID() + "/rotate", null)
                .getStatus().value()).isEqualTo(404);
    }

    private String keys() {
        return "/api/agents/" + agent + "/keys";
    }
}

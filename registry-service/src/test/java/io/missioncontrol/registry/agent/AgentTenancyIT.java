package io.missioncontrol.registry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import io.missioncontrol.registry.RegistryApi;
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

/** People reach agents through their role, learned from membership events (the platform's membership copy). */
@ServiceTest
class AgentTenancyIT {

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
    String adminSubject;
    String admin;
    String member;
    String viewer;
    String agent;

    @BeforeEach
    void setUp() {
        api = new RegistryApi(http, kafka, bootstrapServers, db);
        organization = api.organization();
        String suffix = UUID.randomUUID().toString();
        adminSubject = "admin-" + suffix;
        admin = TestTokens.user(adminSubject);
        member = TestTokens.user("member-" + suffix);
        viewer = TestTokens.user("viewer-" + suffix);
        api.member(organization, "admin-" + suffix, "admin", 1);
        api.member(organization, "member-" + suffix, "member", 2);
        api.member(organization, "viewer-" + suffix, "viewer", 3);
        agent = (String) api.agent(organization, "shared", Map.of()).get("id");
    }

    @Test
    void anAdminManagesAgentsAndKeys() {
        var created = api.post(admin, "/api/agents", Map.of("organization_id", organization.toString(), "name", "own"));
        assertThat(created.getStatus().value()).isEqualTo(201);
        assertThat(created.getResponseBody()).containsEntry("created_by", adminSubject);
        assertThat(api.post(admin, "/api/agents/" + agent + "/activate", null).getStatus().value()).isEqualTo(200);
        assertThat(api.post(admin, "/api/agents/" + agent + "/keys", Map.of("scopes", List.of("tasks:read")))
                .getStatus().value()).isEqualTo(201);
        assertThat(api.get(admin, "/api/agents/" + agent + "/keys").getStatus().value()).isEqualTo(200);
    }

    @Test
    void membersAndViewersReadAgentsButManageNothing() {
        for (String person : List.of(member, viewer)) {
            assertThat(api.get(person, "/api/agents/" + agent).getResponseBody()).containsEntry("id", agent);
            assertThat(api.get(person, "/api/agents?organization_id=" + organization).getStatus().value())
                    .isEqualTo(200);
            for (var refused : List.of(
                    api.post(person, "/api/agents", Map.of("organization_id", organization.toString(), "name", "x")),
                    api.post(person, "/api/agents/" + agent + "/pause", null),
                    api.post(person, "/api/agents/" + agent + "/keys", Map.of("scopes", List.of("tasks:read"))),
                    api.get(person, "/api/agents/" + agent + "/keys"),
                    api.as(person).patch().uri("/api/agents/" + agent).contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("name", "renamed")).exchange().expectBody(RegistryApi.JSON_MAP)
                            .returnResult())) {
                assertThat(refused.getStatus().value()).isEqualTo(403);
                assertThat(refused.getResponseBody()).containsEntry("code", "forbidden");
            }
        }
    }

    @Test
    void anOutsiderFindsNothing() {
        String outsider = TestTokens.user("outsider-" + UUID.randomUUID());

        for (var result : List.of(api.get(outsider, "/api/agents/" + agent),
                api.get(outsider, "/api/agents?organization_id=" + organization),
                api.get(outsider, "/api/agents/" + agent + "/keys"),
                api.post(outsider, "/api/agents/" + agent + "/retire", null),
                api.post(outsider, "/api/agents/" + agent + "/keys", Map.of("scopes", List.of("tasks:read"))),
                api.get(outsider, "/api/agents/me"))) {
            assertThat(result.getStatus().value()).isEqualTo(404);
            assertThat(result.getResponseBody()).containsEntry("code", "not_found");
        }
        var create = api.post(outsider, "/api/agents", Map.of("organization_id", organization.toString(), "name", "x"));
        assertThat(create.getStatus().value()).isEqualTo(422);
        assertThat(create.getResponseBody()).containsEntry("code", "unknown_reference");
    }
}

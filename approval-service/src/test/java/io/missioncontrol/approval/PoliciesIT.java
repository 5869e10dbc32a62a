package io.missioncontrol.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.contracts.credential.AgentScopes;
import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Approval policies: managed by admins, one per scope, each change an event. */
@ServiceTest
class PoliciesIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient http;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    DatabaseClient db;

    private Fleet fleet;
    private UUID organization;

    @BeforeEach
    void freshOrganization() {
        fleet = new Fleet(kafka, db);
        organization = fleet.organization(Map.of());
    }

    private WebTestClient.ResponseSpec create(String token, Map<String, Object> terms) {
        Map<String, Object> body = new HashMap<>(terms);
        body.put("organization_id", organization.toString());
        return http.post().uri("/api/approvals/policies").headers(h -> h.setBearerAuth(token)).bodyValue(body)
                .exchange();
    }

    @Test
    void adminsManagePoliciesAndEveryChangeIsAnEvent() {
        Map<String, Object> created = create(TestTokens.admin(), Map.of("action_pattern", "deploy_*", "quorum", 2,
                "approver_roles", List.of("owner"), "expiry_seconds", 3600, "auto_reject_below", 40))
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        String id = (String) created.get("id");
        assertThat(created).containsEntry("quorum", 2).containsEntry("approver_roles", List.of("owner"))
                .containsEntry("expiry_seconds", 3600).containsEntry("auto_reject_below", 40)
                .containsEntry("board_id", null);

        create(TestTokens.admin(), Map.of("action_pattern", "deploy_*")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("policy_exists");

        http.put().uri("/api/approvals/policies/" + id).headers(h -> h.setBearerAuth(TestTokens.admin()))
                .bodyValue(Map.of("action_pattern", "deploy_*", "quorum", 3)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.quorum").isEqualTo(3)
                .jsonPath("$.approver_roles").isEqualTo(List.of("owner", "admin"))
                .jsonPath("$.version").isEqualTo(2);
        http.get().uri("/api/approvals/policies?organization_id=" + organization)
                .headers(h -> h.setBearerAuth(TestTokens.admin())).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(1);

        http.delete().uri("/api/approvals/policies/" + id).headers(h -> h.setBearerAuth(TestTokens.admin()))
                .exchange().expectStatus().isNoContent();
        http.get().uri("/api/approvals/policies/" + id).headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectStatus().isNotFound();
        assertThat(fleet.eventTypes(id)).containsExactly("mc.approval-policy.set.v1", "mc.approval-policy.set.v1",
                "mc.approval-policy.deleted.v1");
    }

    @Test
    void refusesInvalidTerms() {
        create(TestTokens.admin(), Map.of("approver_roles", List.of("boss"))).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("approver_roles");
        create(TestTokens.admin(), Map.of("quorum", 0)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("quorum");
        create(TestTokens.admin(), Map.of("action_pattern", "Deploy Everything")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("action_pattern");
    }

    @Test
    void agentsDoNotManagePolicies() {
        String agent = TestTokens.agent(UUID.randomUUID(), organization, AgentScopes.APPROVALS_REQUEST);

        create(agent, Map.of("quorum", 1)).expectStatus().isForbidden();
    }
}

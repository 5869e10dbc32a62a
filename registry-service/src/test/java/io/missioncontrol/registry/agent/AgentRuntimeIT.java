package io.missioncontrol.registry.agent;

import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import io.missioncontrol.registry.RegistryApi;
import io.missioncontrol.registry.RuntimesApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** An agent's {@code runtime_id} names a runtime of its own organization, on create and on PATCH. */
@ServiceTest
class AgentRuntimeIT {

    @Autowired
    WebTestClient http;
    @Autowired
    DatabaseClient db;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Test
    void acceptsOnlyARuntimeOfTheAgentsOrganization() {
        http = RuntimesApi.patient(http);
        RuntimesApi api = new RuntimesApi(http, db, kafka);
        RuntimesApi elsewhere = new RuntimesApi(http, db, kafka);
        // Registration checks only the address: nothing needs to listen there.
        String own = (String) api.register("own", "http://127.0.0.1:9/", null, List.of()).get("id");
        String theirs = (String) elsewhere.register("theirs", "http://127.0.0.1:9/", null, List.of()).get("id");

        for (String runtime : List.of(UUID.randomUUID().toString(), theirs)) {
            create(api, runtime).expectStatus().isEqualTo(422).expectBody()
                    .jsonPath("$.code").isEqualTo("unknown_reference")
                    .jsonPath("$.errors[0].field").isEqualTo("runtime_id");
        }

        String agent = create(api, own).expectStatus().isCreated().expectBody(RegistryApi.JSON_MAP).returnResult()
                .getResponseBody().get("id").toString();
        for (String runtime : List.of(UUID.randomUUID().toString(), theirs)) {
            patch(agent, runtime).expectStatus().isEqualTo(422).expectBody()
                    .jsonPath("$.code").isEqualTo("unknown_reference");
        }
        http.get().uri("/api/agents/{id}", agent).headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectBody().jsonPath("$.runtime_id").isEqualTo(own).jsonPath("$.version").isEqualTo(0);

        String second = (String) api.register("second", "http://127.0.0.1:9/", null, List.of()).get("id");
        patch(agent, second).expectStatus().isOk().expectBody().jsonPath("$.runtime_id").isEqualTo(second);
        patch(agent, null).expectStatus().isOk().expectBody().jsonPath("$.runtime_id").isEmpty();
    }

    private WebTestClient.ResponseSpec create(RuntimesApi api, String runtime) {
        Map<String, Object> body = new HashMap<>();
        body.put("organization_id", api.organization.toString());
        body.put("name", "agent-" + UUID.randomUUID());
        body.put("runtime_id", runtime);
        return http.post().uri("/api/agents").headers(h -> h.setBearerAuth(TestTokens.admin())).bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec patch(String agent, String runtime) {
        Map<String, Object> body = new HashMap<>();
        body.put("runtime_id", runtime);
        return http.patch().uri("/api/agents/{id}", agent).headers(h -> h.setBearerAuth(TestTokens.admin()))
                .bodyValue(body).exchange();
    }
}

package io.missioncontrol.registry;

import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The service starts on the backbone, reports ready with its database and Kafka, and serves nothing unauthenticated. */
@ServiceTest
class RegistryServiceIT {

    @Autowired
    WebTestClient http;

    @Test
    void isReadyWithItsDatabaseAndKafka() {
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP");
    }

    @Test
    void refusesARequestWithoutAnInternalToken() {
        http.get().uri("/api/anything").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void answersAnUnknownPathWithAProblem() {
        http.get().uri("/api/nothing-here").headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("not_found");
    }
}

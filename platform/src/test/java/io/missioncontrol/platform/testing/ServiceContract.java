package io.missioncontrol.platform.testing;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every business service promises, whatever its features: it is ready only with its database and Kafka,
 * serves nothing without the gateway's internal token, and answers unknown paths with a problem document.
 * A service's test extends this and adds {@link ServiceTest}.
 */
public abstract class ServiceContract {

    @Autowired
    protected WebTestClient http;

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

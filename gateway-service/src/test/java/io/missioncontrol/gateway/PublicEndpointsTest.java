package io.missioncontrol.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicEndpointsTest extends GatewayIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"/healthz", "/health"})
    void livenessAnswersWithoutToken(String path) {
        client.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"status\":\"ok\"}");
    }

    @Test
    void livenessIgnoresAStaleToken() {
        client.get().uri("/healthz").headers(headers -> headers.setBearerAuth("stale")).exchange()
                .expectStatus().isOk();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/info", "/actuator/prometheus"})
    void operationalEndpointsAnswerWithoutToken(String path) {
        client.get().uri(path).exchange().expectStatus().isOk();
    }

    @Test
    void otherActuatorPathsStayClosed() {
        client.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
    }
}

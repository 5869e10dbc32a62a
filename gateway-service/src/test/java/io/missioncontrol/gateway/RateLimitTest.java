package io.missioncontrol.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Each caller has a bucket of 20 requests refilled at 1 per second here (see the shared test properties). */
class RateLimitTest extends GatewayIntegrationTest {

    @Test
    void aPersonOverTheirBurstGetsRateLimitedWithRetryAfter() {
        String token = IDENTITY_PROVIDER.token("rate-limited-person");
        List<HttpStatus> statuses = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            statuses.add(HttpStatus.valueOf(client.get().uri("/api/tasks").headers(h -> h.setBearerAuth(token))
                    .exchange().returnResult(String.class).getStatus().value()));
        }

        assertThat(statuses.subList(0, 20)).containsOnly(HttpStatus.OK);
        assertThat(statuses.subList(21, 25)).containsOnly(HttpStatus.TOO_MANY_REQUESTS);
        client.get().uri("/api/tasks").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueMatches(HttpHeaders.RETRY_AFTER, "[1-9][0-9]*")
                .expectBody().jsonPath("$.code").isEqualTo("rate_limited");
    }

    @Test
    void oneCallersLimitLeavesOthersAlone() {
        String greedy = IDENTITY_PROVIDER.token("greedy-person");
        for (int i = 0; i < 25; i++) {
            client.get().uri("/api/tasks").headers(h -> h.setBearerAuth(greedy)).exchange();
        }

        client.get().uri("/api/tasks").headers(h -> h.setBearerAuth(IDENTITY_PROVIDER.token("patient-person")))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Remaining", "19");
    }

    @Test
    void theAdminTokenIsNotLimitedByDefault() {
        for (int i = 0; i < 30; i++) {
            asAdmin("/api/tasks").exchange().expectStatus().isOk();
        }
    }
}

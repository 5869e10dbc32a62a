package io.missioncontrol.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** Each caller has a bucket of 20 requests refilled at 1 per second here (see the shared test properties). */
class RateLimitTest extends GatewayIntegrationTest {

    /**
     * The bucket refills while the requests run (one token a second), so on a slow machine the first refusal may come
     * later than the 21st request; it never comes earlier, and it always comes, since requests drain the bucket far
     * faster than it refills.
     */
    @Test
    void aPersonOverTheirBurstGetsRateLimitedWithRetryAfter() {
        String token = IDENTITY_PROVIDER.token("rate-limited-person");
        int firstRefusal = -1;
        EntityExchangeResult<String> refused = null;
        for (int i = 0; i < 200 && refused == null; i++) {
            var result = client.get().uri("/api/tasks").headers(h -> h.setBearerAuth(token))
                    .exchange().expectBody(String.class).returnResult();
            if (result.getStatus().value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
                firstRefusal = i;
                refused = result;
            } else {
                assertThat(result.getStatus().value()).isEqualTo(HttpStatus.OK.value());
            }
        }

        assertThat(firstRefusal).as("the first refused request").isGreaterThanOrEqualTo(20);
        assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).matches("[1-9][0-9]*");
        assertThat(refused.getResponseBody()).contains("\"code\":\"rate_limited\"");
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

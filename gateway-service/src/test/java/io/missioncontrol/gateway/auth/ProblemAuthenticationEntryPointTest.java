package io.missioncontrol.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ProblemAuthenticationEntryPointTest {

    private final ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();

    @Test
    void agentKeysStillLoadingAreServiceUnavailableNotUnauthenticated() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/tasks"));

        entryPoint.commence(exchange, new CredentialsUnavailableException("loading")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(exchange.getResponse().getHeaders().containsHeader(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("\"code\":\"credentials_unavailable\"").contains("\"status\":503");
    }
}

package io.missioncontrol.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;

import io.missioncontrol.gateway.web.Problem;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Where a circuit breaker forwards a call its service could not answer: 504 when the service was too slow, 503
 * otherwise (refused, unreachable, breaker open). A service's own error answers never come here; they pass untouched.
 */
@Configuration(proxyBeanMethods = false)
class FallbackRoutes {

    private static final Logger log = LoggerFactory.getLogger(FallbackRoutes.class);

    @Bean
    RouterFunction<ServerResponse> circuitBreakerFallback() {
        return RouterFunctions.route(RequestPredicates.path("/fallback/{service}"), FallbackRoutes::fallback);
    }

    private static Mono<ServerResponse> fallback(ServerRequest request) {
        Throwable failure = request.exchange().getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (failure == null) {
            // Only a circuit breaker's forward carries a failure; to a client this path does not exist.
            return Problem.of(HttpStatus.NOT_FOUND, "not_found", "Nothing at " + request.method() + " "
                    + request.path() + ".").toResponse();
        }
        String service = request.pathVariable("service");
        log.warn("{} failed: {}", service, failure.toString());
        if (isTimeout(failure)) {
            return Problem.of(HttpStatus.GATEWAY_TIMEOUT, "gateway_timeout",
                    service + " did not answer in time.").toResponse();
        }
        return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                service + " is unavailable; try again shortly.").toResponse();
    }

    private static boolean isTimeout(Throwable failure) {
        return failure instanceof TimeoutException
                || failure instanceof ResponseStatusException status && status.getStatusCode().value() == 504;
    }
}

package io.missioncontrol.registry.runtime;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.missioncontrol.platform.web.ApiException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

/**
 * HTTP calls to runtimes (the contract is in docs/runtimes.md): the health check and the execute request. Every call
 * checks the endpoint against {@link EndpointPolicy} again (DNS may have changed since registration), runs under a
 * per-attempt timeout, retries transient failures with backoff, and goes through the runtime's circuit breaker, so a
 * runtime that keeps failing is refused at once instead of costing every caller a timeout.
 *
 * <p>Failures surface as {@link CallFailed} with a message meant for people and for {@code last_error}: it names the
 * step and the status or the kind of failure, never the request's headers, so the token cannot leak through it.
 */
@Component
public class RuntimeCalls {

    static final String HEALTH_PATH = "/health";
    static final String EXECUTE_PATH = "/v1/executions";

    private final WebClient http;
    private final EndpointPolicy policy;
    private final RuntimeProperties properties;
    private final CircuitBreakerRegistry breakers;

    RuntimeCalls(EndpointPolicy policy, RuntimeProperties properties) {
        // Our own client, not a shared builder: no redirects are followed (a runtime must not bounce us to an
        // internal address the policy would refuse), and nothing about the requests is logged.
        this.http = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create().followRedirect(false)))
                .build();
        this.policy = policy;
        this.properties = properties;
        RuntimeProperties.CircuitBreaker settings = properties.circuitBreaker();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .minimumNumberOfCalls(settings.minimumCalls())
                .slidingWindowSize(settings.windowSize())
                .waitDurationInOpenState(settings.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                // A runtime that refused a request (4xx) is up: only failures to answer count against it.
                .recordException(RuntimeCalls::countsAgainstRuntime)
                .build());
    }

    /** Passes when the runtime answers its health endpoint with 2xx. */
    public Mono<Void> health(Runtime runtime) {
        RuntimeProperties.Health settings = properties.health();
        return call(runtime, "GET " + HEALTH_PATH, settings.timeout(), settings.retries(), settings.backoff(),
                uri -> http.get().uri(uri.resolve(path(uri, HEALTH_PATH))).retrieve().toBodilessEntity().then());
    }

    /** Asks the runtime to run an execution; passes when it accepted it (2xx). */
    public Mono<Void> execute(Runtime runtime, String token, Map<String, Object> body) {
        RuntimeProperties.Dispatch settings = properties.dispatch();
        return call(runtime, "POST " + EXECUTE_PATH, settings.timeout(), settings.retries(), settings.backoff(),
                uri -> http.post().uri(uri.resolve(path(uri, EXECUTE_PATH)))
                        .contentType(MediaType.APPLICATION_JSON)
                        .headers(headers -> {
                            if (token != null) {
                                headers.setBearerAuth(token);
                            }
                        })
                        .bodyValue(body)
                        .retrieve().toBodilessEntity().then());
    }

    /** The runtime's breaker state, for tests and metrics. */
    CircuitBreaker.State breakerState(UUID runtimeId) {
        return breaker(runtimeId).getState();
    }

    /** Forgets a removed runtime's breaker. */
    void forget(UUID runtimeId) {
        breakers.remove(name(runtimeId));
    }

    private Mono<Void> call(Runtime runtime, String step, Duration timeout, int retries, Duration backoff,
                            java.util.function.Function<URI, Mono<Void>> request) {
        CircuitBreaker breaker = breaker(runtime.id());
        return policy.requireAllowed(runtime.endpointUrl())
                .onErrorMap(ApiException.class, e -> new CallFailed(step + " refused: " + e.getMessage(), false))
                .flatMap(uri -> Mono.defer(() -> request.apply(uri))
                        .timeout(timeout)
                        .transformDeferred(CircuitBreakerOperator.of(breaker))
                        .retryWhen(Retry.backoff(retries, backoff).filter(RuntimeCalls::transient_)
                                .onRetryExhaustedThrow((spec, signal) -> signal.failure())))
                .onErrorMap(e -> !(e instanceof CallFailed), e -> describe(step, timeout, e));
    }

    private CircuitBreaker breaker(UUID runtimeId) {
        return breakers.circuitBreaker(name(runtimeId));
    }

    private static String name(UUID runtimeId) {
        return "runtime-" + runtimeId;
    }

    /** The endpoint's own path, if any, then ours: a runtime may live under a prefix. */
    private static String path(URI endpoint, String path) {
        String base = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    private static boolean countsAgainstRuntime(Throwable e) {
        return !(e instanceof WebClientResponseException response) || response.getStatusCode().is5xxServerError();
    }

    /** Worth another attempt on the same runtime: it did not answer, or answered 5xx. An open breaker is not. */
    private static boolean transient_(Throwable e) {
        if (e instanceof CallNotPermittedException) {
            return false;
        }
        return countsAgainstRuntime(e);
    }

    private static CallFailed describe(String step, Duration timeout, Throwable e) {
        if (e instanceof CallNotPermittedException) {
            return new CallFailed(step + ": circuit breaker open after repeated failures", true);
        }
        if (e instanceof TimeoutException) {
            return new CallFailed(step + ": no answer within " + timeout.toMillis() + " ms", true);
        }
        if (e instanceof WebClientResponseException response) {
            HttpStatusCode status = response.getStatusCode();
            return new CallFailed(step + " answered " + status.value(), status.is5xxServerError());
        }
        if (e instanceof WebClientRequestException request) {
            Throwable cause = request.getMostSpecificCause();
            return new CallFailed(step + ": " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), true);
        }
        return new CallFailed(step + ": " + e.getClass().getSimpleName(), true);
    }

    /**
     * A call that did not succeed. {@code unavailable} is true when the runtime did not answer properly (timeout,
     * connection failure, 5xx, open breaker) and false when it answered with a refusal or was not allowed.
     */
    public static class CallFailed extends RuntimeException {

        private final boolean unavailable;

        CallFailed(String message, boolean unavailable) {
            super(message, null, false, false);
            this.unavailable = unavailable;
        }

        public boolean unavailable() {
            return unavailable;
        }
    }
}

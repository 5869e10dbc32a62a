package io.missioncontrol.gateway.routing;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The route table: each public path prefix belongs to exactly one service. A path no route claims falls through to a
 * 404 problem. Each service has one circuit breaker; when it is down, its fallback answers a 503 problem.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceUrls.class)
class RoutesConfiguration {

    @Bean
    RouteLocator serviceRoutes(RouteLocatorBuilder builder, ServiceUrls urls) {
        var routes = builder.routes();
        service(routes, "task-service", urls.task(),
                "/api/organizations", "/api/board-groups", "/api/boards", "/api/tasks", "/api/tags");
        service(routes, "registry-service", urls.registry(), "/api/agents", "/api/gateways", "/api/runtimes",
                "/api/executions");
        service(routes, "approval-service", urls.approval(), "/api/approvals");
        service(routes, "telemetry-service", urls.telemetry(), "/api/activity", "/api/telemetry", "/api/report");
        return routes.build();
    }

    private static void service(RouteLocatorBuilder.Builder routes, String service, URI uri, String... prefixes) {
        // "/x/**" also matches "/x" itself.
        String[] paths = Arrays.stream(prefixes).map(prefix -> prefix + "/**").toArray(String[]::new);
        // An event stream may stay silent for minutes before its first event, so it gets no response timeout.
        routes.route(service + "-streams", route -> route.order(-1)
                .path(paths).and().predicate(EventStreams::requested)
                .filters(filters -> circuitBreaker(filters, service))
                .metadata(RESPONSE_TIMEOUT_ATTR, -1)
                .uri(uri));
        routes.route(service, route -> route
                .path(paths)
                .filters(filters -> circuitBreaker(filters, service))
                .uri(uri));
    }

    private static GatewayFilterSpec circuitBreaker(GatewayFilterSpec filters, String service) {
        return filters.circuitBreaker(breaker -> breaker.setName(service).setFallbackUri("forward:/fallback/" + service));
    }

    /**
     * Opens after half of the last 20 calls failed (connection refused, timeout) and probes again after 10 s — quick
     * enough for a restarted service to be back in seconds. The breaker sees a call until its response headers arrive;
     * bodies, including event streams, flow after it.
     */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakerDefaults() {
        var breaker = CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .permittedNumberOfCallsInHalfOpenState(3)
                .build();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(breaker)
                .build());
    }
}

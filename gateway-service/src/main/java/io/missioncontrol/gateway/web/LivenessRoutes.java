package io.missioncontrol.gateway.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code /healthz} and {@code /health}: the liveness paths clients and load balancers already probe. They only say the
 * gateway answers; readiness with details lives under {@code /actuator/health}.
 */
@Configuration(proxyBeanMethods = false)
class LivenessRoutes {

    private static final Map<String, String> OK = Map.of("status", "ok");

    @Bean
    RouterFunction<ServerResponse> liveness() {
        return RouterFunctions.route(GET("/healthz").or(GET("/health")),
                request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(OK));
    }
}

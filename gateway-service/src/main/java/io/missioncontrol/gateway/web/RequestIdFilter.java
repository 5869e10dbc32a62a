package io.missioncontrol.gateway.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id}, forwarded to the service and echoed to the client, so one id follows a
 * call through every log. A client's own id is kept when it looks like an id; anything else is replaced, so a header
 * cannot smuggle arbitrary text into logs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE) // before security, so a 401 carries the id too
class RequestIdFilter implements WebFilter {

    static final String HEADER = "X-Request-Id";

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = usable(exchange.getRequest().getHeaders().getFirst(HEADER));
        // Set at commit time so that it wins over whatever the service answered in the same header.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HEADER, requestId);
            return Mono.empty();
        });
        var request = exchange.getRequest().mutate().headers(headers -> headers.set(HEADER, requestId)).build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    private static String usable(@Nullable String incoming) {
        return incoming != null && WELL_FORMED.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }
}

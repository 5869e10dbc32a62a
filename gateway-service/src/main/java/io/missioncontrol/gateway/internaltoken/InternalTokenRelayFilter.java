package io.missioncontrol.gateway.internaltoken;

import io.missioncontrol.gateway.auth.GatewayCaller;
import java.util.List;
import java.util.Locale;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * On every routed request, replaces the client's credentials with the internal token and drops headers that claim an
 * identity. Services trust only the token; dropping the headers keeps any of them from ever starting to trust those.
 */
final class InternalTokenRelayFilter implements GlobalFilter, Ordered {

    /** Prefixes of identity headers set by common proxies and frameworks (lower case). */
    private static final List<String> IDENTITY_HEADER_PREFIXES = List.of(
            "x-forwarded-user", "x-forwarded-email", "x-forwarded-preferred-username", "x-forwarded-groups",
            "x-forwarded-access-token", "x-auth", "x-user", "x-remote-user", "remote-user", "x-caller", "x-agent",
            "x-org", "x-principal", "x-internal", "x-mc-");

    private final InternalTokenIssuer issuer;

    InternalTokenRelayFilter(InternalTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .flatMap(principal -> principal instanceof Authentication authentication
                        && authentication.getPrincipal() instanceof GatewayCaller caller
                        ? Mono.just(caller) : Mono.<GatewayCaller>empty())
                // Every route sits under /api/**, which security authenticates; if one ever did not, fail closed.
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED)))
                .flatMap(caller -> chain.filter(withInternalToken(exchange, issuer.tokenFor(caller))));
    }

    private static ServerWebExchange withInternalToken(ServerWebExchange exchange, String token) {
        var request = exchange.getRequest().mutate().headers(headers -> {
            List.copyOf(headers.headerNames()).stream()
                    .filter(InternalTokenRelayFilter::claimsIdentity)
                    .forEach(headers::remove);
            headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }).build();
        return exchange.mutate().request(request).build();
    }

    private static boolean claimsIdentity(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return IDENTITY_HEADER_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** Early, so that no later filter ever sees the client's own credentials. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}

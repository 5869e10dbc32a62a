package io.missioncontrol.platform.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as RFC 9457 problem+json with a stable {@code code}, like every other error of the API. */
final class SecurityProblems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(SecurityProblems.class);

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        boolean missing = failure instanceof AuthenticationCredentialsNotFoundException;
        if (!missing) {
            // The reason (expired, bad signature, wrong audience) helps operators; it never contains the token.
            log.debug("Rejected internal token for {}: {}", exchange.getRequest().getPath(), failure.getMessage());
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                missing ? "Bearer" : "Bearer error=\"invalid_token\"");
        return write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, "unauthenticated", missing
                ? "This service answers only requests forwarded by the gateway."
                : "The internal token is not valid: expired, or not signed by the gateway for this audience.");
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return write(exchange.getResponse(), HttpStatus.FORBIDDEN, "forbidden", "You may not do this.");
    }

    private static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String code, String detail) {
        var problem = new Problem("about:blank", status.getReasonPhrase(), status.value(), detail, code);
        byte[] body = JsonMapper.shared().writeValueAsBytes(problem);
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    private record Problem(String type, String title, int status, String detail, String code) {
    }
}

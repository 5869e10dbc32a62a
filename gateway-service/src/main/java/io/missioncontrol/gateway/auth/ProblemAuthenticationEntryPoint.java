package io.missioncontrol.gateway.auth;

import io.missioncontrol.gateway.web.Problem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 as problem+json, with the RFC 6750 challenge; says whether the token was missing or wrong, never why. When the
 * token could not be checked at all (the identity provider's keys are unreachable), 503: the token may be fine, and a
 * client that took a 401 to mean "sign in again" would only hammer the provider. Likewise while the gateway is still
 * loading its agent keys (503 {@code credentials_unavailable}).
 */
final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        if (failure instanceof CredentialsUnavailableException) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
            return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "credentials_unavailable",
                    "Agent keys cannot be checked right now: the gateway is still loading them. Try again shortly.")
                    .writeTo(exchange.getResponse());
        }
        if (failure instanceof AuthenticationServiceException) {
            return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "identity_provider_unavailable",
                    "The bearer token cannot be checked right now: the identity provider is unavailable. Try again"
                            + " shortly.").writeTo(exchange.getResponse());
        }
        boolean missing = failure instanceof AuthenticationCredentialsNotFoundException;
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                missing ? "Bearer" : "Bearer error=\"invalid_token\"");
        String detail = missing
                ? "This endpoint needs an Authorization: Bearer token."
                : "The bearer token is not valid.";
        return Problem.of(HttpStatus.UNAUTHORIZED, "unauthenticated", detail).writeTo(exchange.getResponse());
    }
}

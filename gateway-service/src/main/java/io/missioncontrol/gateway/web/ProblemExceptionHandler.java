package io.missioncontrol.gateway.web;

import java.net.ConnectException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Turns every error that reaches the web layer into a problem+json answer: unknown paths (404), unsupported methods,
 * and anything unexpected. It replaces Boot's default handler, whose JSON has a different shape.
 */
@Component
@Order(-2) // ahead of Boot's DefaultErrorWebExceptionHandler (-1) in case that one is registered anyway
class ProblemExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure); // the status line is gone; all that is left is closing the connection
        }
        return problemFor(exchange, failure).writeTo(exchange.getResponse());
    }

    private static Problem problemFor(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof ResponseStatusException statusException) {
            HttpStatus status = HttpStatus.resolve(statusException.getStatusCode().value());
            if (status != null) {
                if (status.is5xxServerError()) {
                    log.warn("{} for {}: {}", status, exchange.getRequest().getPath(), failure.toString());
                }
                return Problem.of(status, codeFor(status), detailFor(exchange, status));
            }
        }
        if (failure instanceof ConnectException) {
            // Routes answer this through their circuit breaker's fallback; this is the safety net for any that do not.
            log.warn("Service unreachable for {}: {}", exchange.getRequest().getPath(), failure.toString());
            return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                    "The service behind this path is unavailable; try again shortly.");
        }
        log.error("Unexpected failure for {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                failure);
        return Problem.of(HttpStatus.INTERNAL_SERVER_ERROR, codeFor(HttpStatus.INTERNAL_SERVER_ERROR),
                "The gateway failed to handle this request.");
    }

    /** The status's own name is the code (not_found, method_not_allowed, …), except 401, which says what is missing. */
    private static String codeFor(HttpStatus status) {
        return status == HttpStatus.UNAUTHORIZED ? "unauthenticated" : status.name().toLowerCase(Locale.ROOT);
    }

    private static String detailFor(ServerWebExchange exchange, HttpStatus status) {
        var request = exchange.getRequest();
        return switch (status) {
            case NOT_FOUND -> "Nothing at " + request.getMethod() + " " + request.getPath() + ".";
            case METHOD_NOT_ALLOWED -> request.getMethod() + " is not supported at " + request.getPath() + ".";
            default -> status.getReasonPhrase() + ".";
        };
    }
}

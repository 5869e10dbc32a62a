package io.missioncontrol.gateway.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * An RFC 9457 problem the gateway answers itself. {@code code} is the stable, machine-readable part; the type stays
 * {@code about:blank}, so the title is the HTTP status phrase.
 */
public record Problem(String type, String title, int status, String detail, String code) {

    public static Problem of(HttpStatus status, String code, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.value(), detail, code);
    }

    /** For filters and handlers that hold the raw response. */
    public Mono<Void> writeTo(ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.valueOf(status));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = JsonMapper.shared().writeValueAsBytes(this);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    /** For functional endpoints. */
    public Mono<ServerResponse> toResponse() {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).bodyValue(this);
    }
}

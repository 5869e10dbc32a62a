package io.missioncontrol.gateway.routing;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;

/** Recognises Server-Sent Events requests: the {@code …/stream} paths, or any request that asks for an event stream. */
final class EventStreams {

    private EventStreams() {
    }

    static boolean requested(ServerWebExchange exchange) {
        var request = exchange.getRequest();
        return request.getPath().value().endsWith("/stream")
                || request.getHeaders().getOrEmpty(HttpHeaders.ACCEPT).stream()
                        .anyMatch(accept -> accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE));
    }
}

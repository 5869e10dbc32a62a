package io.missioncontrol.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for a downstream service: answers every path with what it received, so tests see exactly what the
 * gateway forwarded. A few paths behave badly on purpose.
 */
final class StubService {

    /** Silent for longer than the test response timeout (1 s) before its first event. */
    static final Duration STREAM_SILENCE = Duration.ofMillis(1500);

    static final String CONFLICT_PROBLEM =
            "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"stale\",\"code\":\"version_conflict\"}";

    private final DisposableServer server;

    private StubService(String name) {
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .get("/api/boards/{id}/stream", (request, response) -> eventStream(response))
                        .get("/api/tasks/slow", (request, response) -> Mono.never())
                        .get("/api/tags/conflict", (request, response) -> response.status(409)
                                .header("Content-Type", "application/problem+json")
                                .sendString(Mono.just(CONFLICT_PROBLEM)))
                        .route(request -> true, (request, response) -> echo(name, request, response)))
                .bindNow();
    }

    static StubService start(String name) {
        return new StubService(name);
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** An address where nothing listens: the port was free a moment ago. */
    static String unreachableUrl() {
        try (var socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Mono<Void> echo(String name, HttpServerRequest request, HttpServerResponse response) {
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("service", name);
        seen.put("method", request.method().name());
        String[] uri = request.uri().split("\\?", 2);
        seen.put("path", uri[0]);
        seen.put("query", uri.length > 1 ? uri[1] : null);
        seen.put("authorization", request.requestHeaders().get("Authorization"));
        seen.put("request_id", request.requestHeaders().get("X-Request-Id"));
        seen.put("forwarded_user", request.requestHeaders().get("X-Forwarded-User"));
        seen.put("user_id", request.requestHeaders().get("X-User-Id"));
        seen.put("content_length", request.requestHeaders().get("Content-Length"));
        return request.receive().aggregate().asString().defaultIfEmpty("")
                .flatMap(body -> {
                    seen.put("body", body.isEmpty() ? null : body);
                    return response.header("Content-Type", "application/json")
                            .header("X-Request-Id", "set-by-service")
                            .sendString(Mono.just(JsonMapper.shared().writeValueAsString(seen)))
                            .then();
                });
    }

    private static Mono<Void> eventStream(HttpServerResponse response) {
        Flux<String> events = Flux.just("one", "two", "three")
                .map(data -> "data: " + data + "\n\n")
                .delaySubscription(STREAM_SILENCE);
        return response.header("Content-Type", "text/event-stream").sendString(events).then();
    }
}

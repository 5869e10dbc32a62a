package io.missioncontrol.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/**
 * A real HTTP server standing in for a runtime (docs/runtimes.md): healthy and accepting by default; it can be made
 * slow, failing or unreachable. Every request matches some stub, so WireMock never logs an unmatched request (which
 * would print its headers, the token among them).
 */
public final class StubRuntime implements AutoCloseable {

    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1").containerThreads(8).jettyAcceptors(1));

    public StubRuntime() {
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)));
        healthy();
        accepting();
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public StubRuntime healthy() {
        server.stubFor(get(urlEqualTo("/health")).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"ok\"}")));
        return this;
    }

    public StubRuntime unhealthy() {
        server.stubFor(get(urlEqualTo("/health")).atPriority(1).willReturn(aResponse().withStatus(503)));
        return this;
    }

    /** Answers the health check only after {@code millis}: longer than the health timeout in tests. */
    public StubRuntime slowHealth(int millis) {
        server.stubFor(get(urlEqualTo("/health")).atPriority(1).willReturn(aResponse().withStatus(200)
                .withFixedDelay(millis)));
        return this;
    }

    public StubRuntime accepting() {
        server.stubFor(post(urlEqualTo("/v1/executions")).atPriority(1).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody("{\"accepted\":true}")));
        return this;
    }

    /** Answers the execute call only after {@code millis}: longer than the dispatch timeout in tests. */
    public StubRuntime slow(int millis) {
        server.stubFor(post(urlEqualTo("/v1/executions")).atPriority(1).willReturn(aResponse().withStatus(202)
                .withFixedDelay(millis)));
        return this;
    }

    public StubRuntime failing() {
        server.stubFor(post(urlEqualTo("/v1/executions")).atPriority(1).willReturn(aResponse().withStatus(503)));
        return this;
    }

    public StubRuntime rejecting() {
        server.stubFor(post(urlEqualTo("/v1/executions")).atPriority(1).willReturn(aResponse().withStatus(422)));
        return this;
    }

    public List<LoggedRequest> executeRequests() {
        return server.findAll(postRequestedFor(urlEqualTo("/v1/executions")));
    }

    public void stop() {
        server.stop();
    }

    @Override
    public void close() {
        if (server.isRunning()) {
            server.stop();
        }
    }
}

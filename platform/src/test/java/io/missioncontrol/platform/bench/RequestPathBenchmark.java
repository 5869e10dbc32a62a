package io.missioncontrol.platform.bench;

import io.missioncontrol.infra.Infrastructure;
import io.missioncontrol.infra.TestInfrastructure;
import io.missioncontrol.platform.MissionControlService;
import io.missioncontrol.platform.ServiceApplication;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.testing.TestTokens;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * What a request costs through a Mission Control service's HTTP stack (internal-token check, authorization,
 * controller, problem+json) compared with a bare WebFlux endpoint, measured in one JVM, one after the other, so that
 * the machine's load weighs on both alike: read the ratios, not the absolute rates. Not a test: run it with
 * {@code bash platform/bench/request-path-benchmark.sh} (see docs/benchmarks.md, "Request path overhead").
 */
public final class RequestPathBenchmark {

    static final PrintStream out = System.out;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Infrastructure infra = TestInfrastructure.shared();
        Map<String, Load> results = new LinkedHashMap<>();
        IntFunction<String> body = i -> "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(560) + "\"}";

        ConfigurableApplicationContext service = start(infra, "request-path-bench");
        String base = baseUrl(service);
        String agent = TestTokens.agent(UUID.randomUUID(), UUID.randomUUID(), "bench:write");

        // The decoder alone, on this thread: what verifying one internal token costs in CPU.
        ReactiveJwtDecoder decoder = service.getBean(ReactiveJwtDecoder.class);
        double decodeMicros = perCallMicros(() -> decoder.decode(agent).block(), seconds);
        double signMicros = perCallMicros(() -> TestTokens.agent(UUID.randomUUID(), UUID.randomUUID(), "x"), seconds);

        var handler = RouterFunctions.toHttpHandler(RouterFunctions.route()
                .POST("/hb", request -> request.bodyToMono(String.class).then(ServerResponse.accepted().build()))
                .build());
        DisposableServer bareServer = HttpServer.create().host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter(handler)).bindNow();
        String bareUrl = "http://127.0.0.1:" + bareServer.port() + "/hb";
        Map<String, Runnable> phases = new LinkedHashMap<>();
        for (int round = 0; round <= 2; round++) {
            // Round 0 only warms the JIT up for every path (not reported): on two loaded cores a path met for the first
            // time runs interpreted for many seconds, and whichever phase comes first would look several times slower.
            // Rounds 1 and 2 alternate the paths, so that a change of the machine's load shows as a disagreement
            // between the rounds rather than as a difference between paths.
            int r = round;
            int phaseSeconds = round == 0 ? Math.max(2, seconds / 2) : seconds;
            Map<String, Load> sink = round == 0 ? new LinkedHashMap<>() : results;
            sink.put("B0 bare WebFlux endpoint, 202 (round " + r + ")",
                    load(bareUrl, phaseSeconds, concurrency, "none", body, 202));
            sink.put("service, valid token, 202 (round " + r + ")",
                    load(base + "/bench/accept", phaseSeconds, concurrency, agent, body, 202));
            sink.put("service, valid token, refused 403 problem (round " + r + ")",
                    load(base + "/bench/refuse", phaseSeconds, concurrency, agent, body, 403));
            sink.put("service, no token, 401 problem (round " + r + ")",
                    load(base + "/bench/accept", phaseSeconds, concurrency, null, body, 401));
        }
        bareServer.disposeNow();
        service.close();

        out.println();
        out.println("| path | rate | p50 | p99 | event-loop CPU per request | connections opened | rate / B0 | CPU / B0 |");
        out.println("|---|---|---|---|---|---|---|---|");
        results.forEach((name, load) -> {
            // Against the bare endpoint of the same round: the load moves too much between rounds.
            Load bare = results.get("B0 bare WebFlux endpoint, 202" + name.substring(name.lastIndexOf(" (round")));
            out.printf("| %s | %s | %.2f | %.1f× |%n", name, load.row(), load.rate() / bare.rate(),
                    load.serverCpuMicros() / bare.serverCpuMicros());
        });
        out.printf("%ninternal token: decode + validate %.0f µs per call, RS256 signing (client side) %.0f µs per call%n",
                decodeMicros, signMicros);
        out.printf("nproc=%d, java=%s, concurrency=%d, %d s per phase%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), concurrency, seconds);
        infra.close();
        System.exit(0);
    }

    static ConfigurableApplicationContext start(Infrastructure infra, String name) {
        List<String> properties = new ArrayList<>();
        infra.springProperties("backbone").forEach((k, v) -> properties.add("--" + k + "=" + v));
        properties.add("--spring.application.name=" + name);
        properties.add("--server.port=0");
        properties.add("--mc.internal-token.public-key=" + TestTokens.publicKeyPem());
        properties.add("--logging.level.root=WARN");
        return ServiceApplication.create(Service.class, "backbone-test").run(properties.toArray(String[]::new));
    }

    static String baseUrl(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @MissionControlService
    static class Service {

        @RestController
        static class Endpoints {

            /** Reads the body and the caller, like any endpoint behind the internal token. */
            @PostMapping("/bench/accept")
            @ResponseStatus(HttpStatus.ACCEPTED)
            Mono<Void> accept(@RequestBody String body) {
                return Caller.current().switchIfEmpty(Mono.error(new IllegalStateException("no caller"))).then();
            }

            /** Refuses the caller through the platform's own check: a 403 problem before any work. */
            @PostMapping("/bench/refuse")
            Mono<Void> refuse() {
                return Caller.current().map(caller -> caller.requireScope("bench:none")).then();
            }
        }
    }

    /**
     * CPU time of the server's event loops ({@code reactor-http-*}, shared by the bare server and the services), in
     * nanoseconds: the request path runs there, token check included. Unlike the rate, it hardly depends on how much of
     * the machine the other builds leave to this process, and it leaves out the broker's and the services' background
     * work, which would weigh on slow phases more than on fast ones.
     */
    static long serverLoopCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("reactor-http-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    record Load(long ok, long failed, double seconds, long[] latenciesMicros, double serverCpuMicros,
                long connections) {

        double rate() {
            return ok / seconds;
        }

        String row() {
            return String.format("%,.0f/s | %.1f ms | %.1f ms | %.0f µs | %d", rate(), pct(0.50) / 1000.0,
                    pct(0.99) / 1000.0, serverCpuMicros, connections);
        }

        double pct(double p) {
            return latenciesMicros.length == 0 ? Double.NaN
                    : latenciesMicros[(int) Math.min(latenciesMicros.length - 1, p * latenciesMicros.length)];
        }
    }

    static double perCallMicros(Runnable call, int seconds) {
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < warmupEnd) {
            call.run();
        }
        long calls = 0;
        long started = System.nanoTime();
        long end = started + Duration.ofSeconds(Math.max(1, seconds / 2)).toNanos();
        while (System.nanoTime() < end) {
            call.run();
            calls++;
        }
        return (System.nanoTime() - started) / 1_000.0 / calls;
    }

    /** Closed loop: {@code concurrency} requests in flight; 3 s warm-up, then {@code seconds} measured. */
    static Load load(String url, int seconds, int concurrency, String token, IntFunction<String> body, int expected) {
        // Its own event loop and connections: sharing the server's loops would measure the two fighting.
        LoopResources loop = LoopResources.create("bench-client", 1, true);
        ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(concurrency).build();
        AtomicLong connections = new AtomicLong();
        HttpClient client = HttpClient.create(pool).runOn(loop).keepAlive(true)
                .doOnChannelInit((observer, channel, address) -> connections.incrementAndGet());
        AtomicInteger sequence = new AtomicInteger();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            Flux.defer(() -> {
                        byte[] bytes = body.apply(sequence.getAndIncrement()).getBytes(StandardCharsets.UTF_8);
                        long started = System.nanoTime();
                        return client.headers(h -> {
                                    h.set("Content-Type", "application/json");
                                    if (token != null) {
                                        h.set("Authorization", "Bearer " + token);
                                    }
                                })
                                .post().uri(url)
                                .send(Mono.just(io.netty.buffer.Unpooled.wrappedBuffer(bytes)))
                                .responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
                                .map(status -> {
                                    long now = System.nanoTime();
                                    if (started >= warmupEnd && now <= end) {
                                        if (status == expected) {
                                            ok.incrementAndGet();
                                            latencies.add((now - started) / 1_000);
                                        } else {
                                            failed.incrementAndGet();
                                        }
                                    }
                                    return now;
                                })
                                .onErrorResume(e -> {
                                    failed.incrementAndGet();
                                    return Mono.just(System.nanoTime());
                                });
                    })
                    .repeat(() -> System.nanoTime() < end)
                    .doFinally(signal -> done.countDown())
                    .subscribe();
        }
        LockSupport.parkNanos(warmupEnd - System.nanoTime());
        long cpuBefore = serverLoopCpu();
        LockSupport.parkNanos(end - System.nanoTime());
        long cpuAfter = serverLoopCpu();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.disposeLater().block();
        loop.disposeLater().block();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        if (failed.get() > 0) {
            out.printf("%s: %d requests failed or answered other than %d%n", url, failed.get(), expected);
        }
        return new Load(ok.get(), failed.get(), seconds, sorted, (cpuAfter - cpuBefore) / 1_000.0 / Math.max(1, ok.get()),
                connections.get());
    }

    private RequestPathBenchmark() {
    }
}

package io.missioncontrol.registry.runtime;

import io.missioncontrol.registry.secrets.SecretProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * After the active key changed, re-seals tokens still under an older key, batch by batch, in the background: no
 * downtime, and the old key can leave the configuration once {@code mc.registry.tokens.stale} is 0 (see
 * docs/deployment.md). Every replica may run it: each token is re-sealed under its row lock and only while stale.
 */
@Component
class TokenReencryption implements SmartLifecycle, MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(TokenReencryption.class);
    static final int BATCH = 100;

    private final RuntimeService runtimes;
    private final SecretProperties settings;
    private final AtomicLong stale = new AtomicLong(-1);
    private volatile Disposable running;

    TokenReencryption(RuntimeService runtimes, SecretProperties settings) {
        this.runtimes = runtimes;
        this.settings = settings;
    }

    @Override
    public void start() {
        running = Flux.interval(java.time.Duration.ZERO, settings.reencryptInterval())
                .onBackpressureDrop()
                .concatMap(tick -> pass(), 1)
                .subscribe();
    }

    /** Re-seals every stale token; answers how many. */
    Mono<Integer> pass() {
        return runtimes.resealStale(BATCH)
                .expand(count -> count == BATCH ? runtimes.resealStale(BATCH) : Mono.empty())
                .reduce(0, Integer::sum)
                .doOnNext(count -> {
                    if (count > 0) {
                        log.info("Re-sealed {} runtime tokens under the active key", count);
                    }
                })
                .flatMap(count -> runtimes.staleTokens().doOnNext(stale::set).thenReturn(count))
                .onErrorResume(e -> {
                    log.warn("Token re-encryption pass failed, will retry: {}", e.toString());
                    return Mono.just(0);
                });
    }

    /** {@code mc.registry.tokens.stale}: tokens not yet under the active key (-1 before the first pass). */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("mc.registry.tokens.stale", stale, AtomicLong::get)
                .description("Runtime tokens still sealed under an older key").register(registry);
    }

    @Override
    public void stop() {
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}

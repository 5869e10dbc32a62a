package io.missioncontrol.registry.runtime;

import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The scheduled health checks: every {@code interval}, every runtime's {@code GET <endpoint>/health}, a few at a
 * time. One replica checks at a time: the one holding the lease row ({@code runtime_health_lease}), renewed every
 * round and taken over by another replica when it lapses (three intervals). Pooled connections rule out a session
 * advisory lock, and a round is short enough that a lapsed lease costs at most a skipped round.
 */
@Component
class RuntimeHealthChecks implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RuntimeHealthChecks.class);
    private static final int CONCURRENCY = 8;

    private final RuntimeService runtimes;
    private final RuntimeStore store;
    private final RuntimeProperties.Health settings;
    private final String holder = "replica-" + UUID.randomUUID();
    private volatile Disposable running;

    RuntimeHealthChecks(RuntimeService runtimes, RuntimeStore store, RuntimeProperties properties) {
        this.runtimes = runtimes;
        this.store = store;
        this.settings = properties.health();
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        running = Flux.interval(Duration.ZERO, settings.interval())
                .onBackpressureDrop()
                .concatMap(tick -> round(), 1)
                .subscribe();
    }

    /** One round, when this replica holds the lease; a failing runtime never stops the others' checks. */
    Mono<Void> round() {
        return store.lease(holder, settings.interval().multipliedBy(3))
                .filter(Boolean::booleanValue)
                .flatMapMany(held -> runtimes.ids())
                .flatMap(id -> runtimes.check(id).onErrorResume(e -> {
                    log.warn("Health check of runtime {} could not be recorded: {}", id, e.toString());
                    return Mono.empty();
                }), CONCURRENCY)
                .then()
                .onErrorResume(e -> {
                    log.warn("Health check round failed, will retry: {}", e.toString());
                    return Mono.empty();
                });
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

    @Override
    public int getPhase() {
        // Stop before the connection pool closes.
        return Integer.MAX_VALUE - 200;
    }
}

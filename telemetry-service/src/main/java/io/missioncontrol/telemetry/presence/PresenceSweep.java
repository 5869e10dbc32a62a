package io.missioncontrol.telemetry.presence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Runs the offline sweep every {@code mc.telemetry.presence.sweep-interval}; a failed round (database away) is logged and the next one tries again. */
@Component
class PresenceSweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PresenceSweep.class);

    private final PresenceService presence;
    private final PresenceProperties properties;
    private volatile Disposable running;

    PresenceSweep(PresenceService presence, PresenceProperties properties) {
        this.presence = presence;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = Flux.interval(properties.sweepInterval())
                .onBackpressureDrop()
                .concatMap(tick -> presence.sweep()
                        .doOnNext(offline -> {
                            if (offline > 0) {
                                log.info("{} agent(s) went offline", offline);
                            }
                        })
                        .onErrorResume(e -> {
                            log.warn("Presence sweep failed: {}", e.toString());
                            return Mono.empty();
                        }), 0)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}

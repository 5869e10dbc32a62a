package io.missioncontrol.approval.approvals;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Expires pending requests past their deadline every {@code mc.approvals.expiry-interval} (1 s), so a request is
 * expired (and its event published) within about a second of its deadline. Every replica ticks; one at a time works
 * (see {@link ApprovalService#expireDue()}). A failed round is logged and the next one tries again.
 */
@Component
class ExpiryJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiryJob.class);

    private final ApprovalService approvals;
    private final ApprovalProperties properties;
    private volatile Disposable running;

    ExpiryJob(ApprovalService approvals, ApprovalProperties properties) {
        this.approvals = approvals;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = Flux.interval(properties.expiryInterval())
                .onBackpressureDrop()
                .concatMap(tick -> approvals.expireDue()
                        .onErrorResume(e -> {
                            log.warn("Expiring approvals failed, trying again next round: {}", e.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe();
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

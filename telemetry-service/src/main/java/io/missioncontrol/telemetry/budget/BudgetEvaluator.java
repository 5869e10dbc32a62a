package io.missioncontrol.telemetry.budget;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Evaluates budgets every {@code mc.telemetry.budgets.evaluate-interval} rather than after each ingestion batch: the
 * writer's transaction stays as short as it is, and an alert arrives at most one interval after the spend that
 * caused it. A failed round (database away) is logged and the next one tries again.
 */
@Component
@EnableConfigurationProperties(BudgetProperties.class)
class BudgetEvaluator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BudgetEvaluator.class);

    private final BudgetService budgets;
    private final BudgetProperties properties;
    private volatile Disposable running;

    BudgetEvaluator(BudgetService budgets, BudgetProperties properties) {
        this.budgets = budgets;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = Flux.interval(properties.evaluateInterval())
                .onBackpressureDrop()
                .concatMap(tick -> budgets.evaluate()
                        .doOnNext(alerts -> {
                            if (alerts > 0) {
                                log.info("{} budget alert(s) sent", alerts);
                            }
                        })
                        .onErrorResume(e -> {
                            log.warn("Budget evaluation failed: {}", e.toString());
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

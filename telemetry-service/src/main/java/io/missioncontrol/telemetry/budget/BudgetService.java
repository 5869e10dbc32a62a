package io.missioncontrol.telemetry.budget;

import io.missioncontrol.contracts.budget.BudgetCreated;
import io.missioncontrol.contracts.budget.BudgetDeleted;
import io.missioncontrol.contracts.budget.BudgetUpdated;
import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.telemetry.usage.Pricing;
import io.missioncontrol.telemetry.usage.Pricing.Cost;
import io.missioncontrol.telemetry.usage.Pricing.Tokens;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Budgets: their rows (each change with its event), their current spend, and the evaluation that turns a crossed
 * threshold into an event. Spend is the cost of the period's tokens from the hourly token rollup, priced per model
 * like usage.
 */
@Service
class BudgetService {

    /** pg advisory lock key of the evaluation ("mc-budgt"): one replica evaluates at a time. */
    static final long EVALUATION_LOCK = 0x6d632d6275646774L;

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final Outbox outbox;
    private final Pricing pricing;
    private final Clock clock;

    BudgetService(DatabaseClient db, TransactionalOperator transactions, Outbox outbox, Pricing pricing, Clock clock) {
        this.db = db;
        this.transactions = transactions;
        this.outbox = outbox;
        this.pricing = pricing;
        this.clock = clock;
    }

    Mono<Budget> create(UUID organizationId, UUID agentId, Budget.Period period, BigDecimal limitUsd,
                        boolean pauseAgentOnExceed) {
        Instant now = clock.instant();
        Budget budget = new Budget(UUID.randomUUID(), organizationId, agentId, period, limitUsd, pauseAgentOnExceed, 0,
                now, now);
        var spec = db.sql("""
                        INSERT INTO budget (id, organization_id, agent_id, period, limit_usd, pause_agent_on_exceed,
                                            version, created_at, updated_at)
                        VALUES (:id, :organizationId, :agentId, :period, :limitUsd, :pause, 0, :now, :now)""")
                .bind("id", budget.id())
                .bind("organizationId", organizationId)
                .bind("period", period.wire())
                .bind("limitUsd", limitUsd)
                .bind("pause", pauseAgentOnExceed)
                .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        spec = agentId == null ? spec.bindNull("agentId", UUID.class) : spec.bind("agentId", agentId);
        return transactions.transactional(spec.then()
                        .then(outbox.append(new BudgetCreated(budget.id(), organizationId, agentId, period.wire(),
                                limitUsd, pauseAgentOnExceed, 0))))
                .onErrorMap(DataIntegrityViolationException.class, e -> ApiException.conflict("budget_exists",
                        "This " + (agentId == null ? "organization" : "agent") + " already has a " + period.wire()
                                + " budget; change that one"))
                .thenReturn(budget);
    }

    Mono<Budget> find(UUID id) {
        return db.sql("SELECT * FROM budget WHERE id = :id").bind("id", id).map(BudgetService::budget).one();
    }

    Flux<Budget> list(UUID organizationId, UUID agentId) {
        return (agentId == null
                ? db.sql("SELECT * FROM budget WHERE organization_id = :organizationId ORDER BY created_at, id")
                : db.sql("""
                        SELECT * FROM budget WHERE organization_id = :organizationId AND agent_id = :agentId
                        ORDER BY created_at, id""").bind("agentId", agentId))
                .bind("organizationId", organizationId)
                .map(BudgetService::budget)
                .all();
    }

    Mono<Budget> update(Budget budget, BigDecimal limitUsd, Boolean pauseAgentOnExceed) {
        return transactions.transactional(db.sql("""
                        UPDATE budget SET limit_usd = :limitUsd, pause_agent_on_exceed = :pause,
                                          version = version + 1, updated_at = :now
                        WHERE id = :id RETURNING *""")
                .bind("id", budget.id())
                .bind("limitUsd", limitUsd == null ? budget.limitUsd() : limitUsd)
                .bind("pause", pauseAgentOnExceed == null ? budget.pauseAgentOnExceed() : pauseAgentOnExceed)
                .bind("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .map(BudgetService::budget)
                .one()
                .flatMap(changed -> outbox.append(new BudgetUpdated(changed.id(), changed.organizationId(),
                        changed.agentId(), changed.period().wire(), changed.limitUsd(), changed.pauseAgentOnExceed(),
                        changed.version())).thenReturn(changed)));
    }

    Mono<Void> delete(UUID id) {
        return transactions.transactional(db.sql("DELETE FROM budget WHERE id = :id RETURNING *")
                .bind("id", id)
                .map(BudgetService::budget)
                .one()
                .flatMap(gone -> outbox.append(new BudgetDeleted(gone.id(), gone.organizationId(), gone.agentId(),
                        gone.period().wire(), gone.version() + 1))));
    }

    /** What each budget's scope has spent in its current period, and whether every model of it had a price. */
    Mono<Map<UUID, Cost>> spend(List<Budget> budgets) {
        if (budgets.isEmpty()) {
            return Mono.just(Map.of());
        }
        Instant now = clock.instant();
        return db.sql("""
                        SELECT b.id, t.model, sum(t.input_tokens) AS input_tokens,
                               sum(t.output_tokens) AS output_tokens, sum(t.cached_tokens) AS cached_tokens
                        FROM budget b
                        JOIN token_usage_hour t ON t.organization_id = b.organization_id
                             AND (b.agent_id IS NULL OR t.agent_id = b.agent_id)
                             AND t.bucket >= CASE b.period WHEN 'daily' THEN :dayStart ELSE :monthStart END
                        WHERE b.id = ANY(CAST(:ids AS UUID[]))
                        GROUP BY b.id, t.model""")
                .bind("ids", budgets.stream().map(b -> b.id().toString()).toArray(String[]::new))
                .bind("dayStart", OffsetDateTime.ofInstant(Budget.Period.DAILY.start(now), ZoneOffset.UTC))
                .bind("monthStart", OffsetDateTime.ofInstant(Budget.Period.MONTHLY.start(now), ZoneOffset.UTC))
                .map(row -> Map.entry(row.get("id", UUID.class), pricing.cost(row.get("model", String.class),
                        new Tokens(row.get("input_tokens", Number.class).longValue(),
                                row.get("output_tokens", Number.class).longValue(),
                                row.get("cached_tokens", Number.class).longValue()))))
                .all()
                .collect(HashMap<UUID, Cost>::new,
                        (map, entry) -> map.merge(entry.getKey(), entry.getValue(), Cost::plus))
                .map(map -> {
                    budgets.forEach(b -> map.putIfAbsent(b.id(), Cost.NONE));
                    return (Map<UUID, Cost>) map;
                });
    }

    /**
     * Compares every budget with its current spend and alerts each threshold crossed for the first time this period:
     * the alert row and the event commit together, and the alert row's key (budget, period start, threshold) makes a
     * second alert impossible, across restarts and replicas. One replica evaluates at a time (the others skip).
     *
     * @return how many alerts were sent
     */
    Mono<Integer> evaluate() {
        Instant now = clock.instant();
        Mono<Integer> work = db.sql("SELECT pg_try_advisory_xact_lock(:key) AS locked")
                .bind("key", EVALUATION_LOCK)
                .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
                .one()
                .flatMap(locked -> !locked ? Mono.just(0) : db.sql("SELECT * FROM budget ORDER BY id")
                        .map(BudgetService::budget).all().collectList()
                        .flatMap(budgets -> Mono.zip(spend(budgets), alerted(now))
                                .flatMapMany(both -> Flux.fromIterable(budgets).concatMap(budget -> {
                                    Instant start = budget.period().start(now);
                                    BigDecimal spent = both.getT1().get(budget.id()).usd();
                                    Set<Integer> done = both.getT2().getOrDefault(
                                            new AlertKey(budget.id(), start), Set.of());
                                    return Flux.fromIterable(budget.newlyCrossed(spent, done))
                                            .concatMap(threshold -> alert(budget, start, threshold, spent, now));
                                }))
                                .reduce(0, Integer::sum)));
        return transactions.transactional(work);
    }

    private record AlertKey(UUID budgetId, Instant periodStart) {
    }

    private Mono<Map<AlertKey, Set<Integer>>> alerted(Instant now) {
        return db.sql("""
                        SELECT budget_id, period_start, threshold FROM budget_alert
                        WHERE period_start >= :monthStart""")
                .bind("monthStart", OffsetDateTime.ofInstant(Budget.Period.MONTHLY.start(now), ZoneOffset.UTC))
                .map(row -> Map.entry(new AlertKey(row.get("budget_id", UUID.class),
                        row.get("period_start", OffsetDateTime.class).toInstant()), row.get("threshold", Integer.class)))
                .all()
                .collect(HashMap<AlertKey, Set<Integer>>::new,
                        (map, entry) -> map.computeIfAbsent(entry.getKey(), k -> new HashSet<>()).add(entry.getValue()))
                .map(map -> (Map<AlertKey, Set<Integer>>) map);
    }

    private Mono<Integer> alert(Budget budget, Instant periodStart, int threshold, BigDecimal spent, Instant now) {
        return db.sql("""
                        INSERT INTO budget_alert (budget_id, period_start, threshold, spent_usd, alerted_at)
                        VALUES (:budgetId, :periodStart, :threshold, :spent, :now)
                        ON CONFLICT DO NOTHING RETURNING threshold""")
                .bind("budgetId", budget.id())
                .bind("periodStart", OffsetDateTime.ofInstant(periodStart, ZoneOffset.UTC))
                .bind("threshold", threshold)
                .bind("spent", Pricing.shown(spent))
                .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .map(row -> row.get("threshold", Integer.class))
                .one()
                .flatMap(inserted -> db.sql("UPDATE budget SET version = version + 1 WHERE id = :id RETURNING version")
                        .bind("id", budget.id())
                        .map(row -> row.get("version", Long.class))
                        .one())
                .flatMap(version -> outbox.append(budget.alert(threshold, periodStart, spent, version)).thenReturn(1))
                .defaultIfEmpty(0);
    }

    private static Budget budget(io.r2dbc.spi.Readable row) {
        return new Budget(row.get("id", UUID.class), row.get("organization_id", UUID.class),
                row.get("agent_id", UUID.class),
                Budget.Period.valueOf(row.get("period", String.class).toUpperCase(java.util.Locale.ROOT)),
                row.get("limit_usd", BigDecimal.class), Boolean.TRUE.equals(row.get("pause_agent_on_exceed", Boolean.class)),
                row.get("version", Long.class), row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }
}

package io.missioncontrol.telemetry.budget;

import io.missioncontrol.platform.tenancy.Role;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.telemetry.reading.TelemetryAccess;
import io.missioncontrol.telemetry.usage.Pricing;
import io.missioncontrol.telemetry.usage.Pricing.Cost;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Budgets: viewers read them (with the current spend), admins create, change and delete them. */
@RestController
class BudgetController {

    /** Far above any real budget; keeps limit_usd inside NUMERIC(18, 6). */
    static final BigDecimal MAX_LIMIT = new BigDecimal("1000000000");

    private final TelemetryAccess access;
    private final BudgetService budgets;
    private final Clock clock;

    BudgetController(TelemetryAccess access, BudgetService budgets, Clock clock) {
        this.access = access;
        this.budgets = budgets;
        this.clock = clock;
    }

    record CreateBudget(UUID organizationId, UUID agentId, String period, BigDecimal limitUsd,
                        Boolean pauseAgentOnExceed) {
    }

    record ChangeBudget(BigDecimal limitUsd, Boolean pauseAgentOnExceed) {
    }

    @PostMapping("/api/telemetry/budgets")
    Mono<ResponseEntity<BudgetView>> create(@RequestBody CreateBudget body) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (body.organizationId() == null) {
            errors.add(error("organization_id", "is required"));
        }
        Budget.Period period = null;
        if (body.period() == null) {
            errors.add(error("period", "is required"));
        } else if (!body.period().equals("daily") && !body.period().equals("monthly")) {
            errors.add(error("period", "must be daily or monthly"));
        } else {
            period = Budget.Period.valueOf(body.period().toUpperCase(Locale.ROOT));
        }
        checkLimit(body.limitUsd(), true, errors);
        boolean pause = Boolean.TRUE.equals(body.pauseAgentOnExceed());
        if (pause && body.agentId() == null) {
            errors.add(error("pause_agent_on_exceed", "needs an agent_id: only an agent's own budget pauses it"));
        }
        if (!errors.isEmpty()) {
            return Mono.error(invalid(errors));
        }
        Budget.Period checked = period;
        return access.scope(body.organizationId(), body.agentId(), Role.ADMIN)
                .flatMap(scope -> budgets.create(scope.organizationId(), scope.agentId(), checked, body.limitUsd(),
                        pause))
                .flatMap(this::view)
                .map(view -> ResponseEntity.status(HttpStatus.CREATED).body(view));
    }

    @GetMapping("/api/telemetry/budgets")
    Mono<List<BudgetView>> list(@RequestParam(name = "organization_id", required = false) UUID organizationId,
                                @RequestParam(name = "agent_id", required = false) UUID agentId) {
        return access.read(organizationId, agentId)
                .flatMap(scope -> budgets.list(scope.organizationId(), scope.agentId()).collectList())
                .flatMap(this::views);
    }

    @GetMapping("/api/telemetry/budgets/{id}")
    Mono<BudgetView> get(@PathVariable UUID id) {
        return visible(id, Role.VIEWER).flatMap(this::view);
    }

    @PatchMapping("/api/telemetry/budgets/{id}")
    Mono<BudgetView> change(@PathVariable UUID id, @RequestBody ChangeBudget body) {
        List<Map<String, String>> errors = new ArrayList<>();
        checkLimit(body.limitUsd(), false, errors);
        if (!errors.isEmpty()) {
            return Mono.error(invalid(errors));
        }
        return visible(id, Role.ADMIN)
                .flatMap(budget -> {
                    if (Boolean.TRUE.equals(body.pauseAgentOnExceed()) && budget.agentId() == null) {
                        return Mono.error(invalid(List.of(error("pause_agent_on_exceed",
                                "needs an agent's budget: only an agent's own budget pauses it"))));
                    }
                    return budgets.update(budget, body.limitUsd(), body.pauseAgentOnExceed());
                })
                .flatMap(this::view);
    }

    @DeleteMapping("/api/telemetry/budgets/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable UUID id) {
        return visible(id, Role.ADMIN)
                .flatMap(budget -> budgets.delete(budget.id()))
                .thenReturn(ResponseEntity.noContent().build());
    }

    /** The budget, when the caller has the role in its organization; 404 for another organization's. */
    private Mono<Budget> visible(UUID id, Role minimum) {
        return budgets.find(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("budget", id)))
                .flatMap(budget -> access.scope(budget.organizationId(), null, minimum)
                        .onErrorMap(e -> e instanceof ApiException api && api.status() == HttpStatus.NOT_FOUND,
                                e -> ApiException.notFound("budget", id))
                        .thenReturn(budget));
    }

    private Mono<BudgetView> view(Budget budget) {
        return views(List.of(budget)).map(list -> list.get(0));
    }

    private Mono<List<BudgetView>> views(List<Budget> list) {
        Instant now = clock.instant();
        return budgets.spend(list).map(spend -> list.stream()
                .map(budget -> BudgetView.of(budget, spend.getOrDefault(budget.id(), Cost.NONE), now))
                .toList());
    }

    private static void checkLimit(BigDecimal limit, boolean required, List<Map<String, String>> errors) {
        if (limit == null) {
            if (required) {
                errors.add(error("limit_usd", "is required"));
            }
        } else if (limit.signum() <= 0 || limit.compareTo(MAX_LIMIT) > 0) {
            errors.add(error("limit_usd", "must be more than 0 and at most " + MAX_LIMIT.toPlainString()));
        } else if (limit.stripTrailingZeros().scale() > 6) {
            errors.add(error("limit_usd", "has at most 6 decimals"));
        }
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    private static ApiException invalid(List<Map<String, String>> errors) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed", "The budget is not valid",
                Map.of("errors", errors));
    }

    /**
     * @param spentUsd what the scope spent in the current period ({@code period_start} on), priced as usage is
     * @param percent  {@code spent_usd} as a percentage of the limit, two decimals
     * @param priced   false when some of the spend is of a model without a price (counted as 0)
     */
    record BudgetView(UUID id, UUID organizationId, UUID agentId, String period, BigDecimal limitUsd,
                      boolean pauseAgentOnExceed, Instant periodStart, BigDecimal spentUsd, BigDecimal percent,
                      boolean priced, long version, Instant createdAt, Instant updatedAt) {

        static BudgetView of(Budget budget, Cost spend, Instant now) {
            return new BudgetView(budget.id(), budget.organizationId(), budget.agentId(), budget.period().wire(),
                    budget.limitUsd(), budget.pauseAgentOnExceed(), budget.period().start(now),
                    Pricing.shown(spend.usd()),
                    spend.usd().movePointRight(2).divide(budget.limitUsd(), 2, java.math.RoundingMode.HALF_UP),
                    spend.priced(), budget.version(), budget.createdAt(), budget.updatedAt());
        }
    }
}

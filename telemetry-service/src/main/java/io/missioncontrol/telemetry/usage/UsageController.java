package io.missioncontrol.telemetry.usage;

import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.telemetry.reading.TelemetryAccess;
import io.missioncontrol.telemetry.usage.UsageService.GroupBy;
import io.missioncontrol.telemetry.usage.UsageService.Summary;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class UsageController {

    private final TelemetryAccess access;
    private final UsageService usage;

    UsageController(TelemetryAccess access, UsageService usage) {
        this.access = access;
        this.usage = usage;
    }

    /** Tokens and cost today, yesterday, over the last 7 and 30 days and in total; optionally per agent or model. */
    @GetMapping("/api/telemetry/usage")
    Mono<UsageView> usage(@RequestParam(name = "organization_id", required = false) UUID organizationId,
                          @RequestParam(name = "agent_id", required = false) UUID agentId,
                          @RequestParam(name = "group_by", required = false) String groupBy) {
        GroupBy grouping = groupBy(groupBy);
        return access.read(organizationId, agentId)
                .flatMap(scope -> usage.report(scope, grouping)
                        .map(report -> new UsageView(scope.organizationId(), scope.agentId(),
                                grouping == null ? null : grouping.name().toLowerCase(Locale.ROOT), "USD",
                                periods(report.totals()),
                                report.groups().entrySet().stream()
                                        .map(group -> new GroupView(
                                                grouping == GroupBy.AGENT ? UUID.fromString(group.getKey()) : null,
                                                grouping == GroupBy.MODEL ? group.getKey() : null,
                                                periods(group.getValue())))
                                        .toList(),
                                report.unpricedModels())));
    }

    private static GroupBy groupBy(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return GroupBy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter", "group_by is agent or model",
                    Map.of("errors", List.of(Map.of("field", "group_by", "message", "must be agent or model"))));
        }
    }

    private static Map<String, PeriodView> periods(Summary summary) {
        Map<String, PeriodView> periods = new LinkedHashMap<>();
        for (UsagePeriod period : UsagePeriod.values()) {
            var tokens = summary.tokens().get(period);
            var cost = summary.cost().get(period);
            periods.put(period.wire, new PeriodView(tokens.input(), tokens.output(), tokens.cached(), tokens.total(),
                    Pricing.shown(cost.usd()), cost.priced()));
        }
        return periods;
    }

    /**
     * @param unpricedModels models the price table has no price for: their tokens are counted, their cost is 0
     */
    record UsageView(UUID organizationId, UUID agentId, String groupBy, String currency,
                     Map<String, PeriodView> totals, List<GroupView> groups, List<String> unpricedModels) {
    }

    /** One agent's (group_by=agent) or one model's (group_by=model) usage. */
    record GroupView(UUID agentId, String model, Map<String, PeriodView> periods) {
    }

    /** @param priced false when some of the tokens are of a model without a price */
    record PeriodView(long inputTokens, long outputTokens, long cachedTokens, long totalTokens, BigDecimal costUsd,
                      boolean priced) {
    }
}

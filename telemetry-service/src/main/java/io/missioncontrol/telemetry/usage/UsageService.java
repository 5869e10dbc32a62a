package io.missioncontrol.telemetry.usage;

import io.missioncontrol.telemetry.reading.TelemetryAccess.Scope;
import io.missioncontrol.telemetry.usage.Pricing.Cost;
import io.missioncontrol.telemetry.usage.Pricing.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Tokens and cost per period, from the hourly token rollup ({@code token_usage_hour}, kept after raw points are
 * dropped). One query answers every period: per agent and model, one filtered sum per period and token kind. Cost is
 * computed per model (prices are per model) and only then added up per agent, model or organization.
 */
@Service
class UsageService {

    private final DatabaseClient db;
    private final Pricing pricing;
    private final Clock clock;

    UsageService(DatabaseClient db, Pricing pricing, Clock clock) {
        this.db = db;
        this.pricing = pricing;
        this.clock = clock;
    }

    enum GroupBy { AGENT, MODEL }

    /** One agent's tokens of one model, per period. */
    record Row(UUID agentId, String model, Map<UsagePeriod, Tokens> periods) {
    }

    Mono<Report> report(Scope scope, GroupBy groupBy) {
        Instant now = clock.instant();
        StringBuilder columns = new StringBuilder();
        for (UsagePeriod period : UsagePeriod.values()) {
            for (String kind : List.of("input", "output", "cached")) {
                columns.append(", coalesce(sum(").append(kind).append("_tokens) FILTER (WHERE ")
                        .append(period.condition()).append("), 0) AS ").append(period.wire).append('_').append(kind);
            }
        }
        var spec = db.sql("SELECT agent_id, model" + columns + " FROM token_usage_hour"
                + " WHERE organization_id = :organizationId" + (scope.isAgent() ? " AND agent_id = :agentId" : "")
                + " GROUP BY agent_id, model")
                .bind("organizationId", scope.organizationId());
        if (scope.isAgent()) {
            spec = spec.bind("agentId", scope.agentId());
        }
        for (UsagePeriod period : UsagePeriod.values()) {
            String name = period.name().toLowerCase();
            if (period.from(now) != null) {
                spec = spec.bind(name + "From", OffsetDateTime.ofInstant(period.from(now), ZoneOffset.UTC));
            }
            if (period.to(now) != null) {
                spec = spec.bind(name + "To", OffsetDateTime.ofInstant(period.to(now), ZoneOffset.UTC));
            }
        }
        return spec.map(row -> {
                    Map<UsagePeriod, Tokens> periods = new EnumMap<>(UsagePeriod.class);
                    for (UsagePeriod period : UsagePeriod.values()) {
                        periods.put(period, new Tokens(row.get(period.wire + "_input", Long.class),
                                row.get(period.wire + "_output", Long.class),
                                row.get(period.wire + "_cached", Long.class)));
                    }
                    return new Row(row.get("agent_id", UUID.class), row.get("model", String.class), periods);
                })
                .all()
                .collectList()
                .map(rows -> summarize(rows, groupBy));
    }

    /** Usage and cost per period of a set of rows. */
    record Summary(Map<UsagePeriod, Tokens> tokens, Map<UsagePeriod, Cost> cost) {

        static Summary empty() {
            Map<UsagePeriod, Tokens> tokens = new EnumMap<>(UsagePeriod.class);
            Map<UsagePeriod, Cost> cost = new EnumMap<>(UsagePeriod.class);
            for (UsagePeriod period : UsagePeriod.values()) {
                tokens.put(period, Tokens.NONE);
                cost.put(period, Cost.NONE);
            }
            return new Summary(tokens, cost);
        }

        Summary plus(Row row, Pricing pricing) {
            Map<UsagePeriod, Tokens> t = new EnumMap<>(tokens);
            Map<UsagePeriod, Cost> c = new EnumMap<>(cost);
            row.periods().forEach((period, used) -> {
                t.merge(period, used, Tokens::plus);
                c.merge(period, pricing.cost(row.model(), used), Cost::plus);
            });
            return new Summary(t, c);
        }
    }

    record Report(Summary totals, Map<String, Summary> groups, List<String> unpricedModels) {
    }

    Report summarize(List<Row> rows, GroupBy groupBy) {
        Summary totals = Summary.empty();
        Map<String, Summary> groups = new TreeMap<>();
        for (Row row : rows) {
            totals = totals.plus(row, pricing);
            if (groupBy != null) {
                String key = groupBy == GroupBy.AGENT ? row.agentId().toString() : row.model();
                groups.put(key, groups.getOrDefault(key, Summary.empty()).plus(row, pricing));
            }
        }
        List<String> unpriced = rows.stream()
                .filter(row -> pricing.priceOf(row.model()).isEmpty())
                .map(Row::model)
                .collect(Collectors.toCollection(TreeSet::new))
                .stream().toList();
        return new Report(totals, groups, new ArrayList<>(unpriced));
    }
}

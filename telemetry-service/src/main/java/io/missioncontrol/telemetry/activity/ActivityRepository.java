package io.missioncontrol.telemetry.activity;

import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.contracts.DomainEvent;
import io.r2dbc.postgresql.codec.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class ActivityRepository {

    private final DatabaseClient db;

    ActivityRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(Activity activity, DomainEvent data) {
        var spec = db.sql("""
                        INSERT INTO activity (event_id, organization_id, resource_type, resource_id, event_type,
                                              actor_type, actor_id, summary, occurred_at, data)
                        VALUES (:eventId, :organizationId, :resourceType, :resourceId, :eventType, :actorType,
                                :actorId, :summary, :occurredAt, :data)
                        ON CONFLICT (event_id) DO NOTHING""")
                .bind("eventId", activity.eventId())
                .bind("resourceType", activity.resourceType())
                .bind("resourceId", activity.resourceId())
                .bind("eventType", activity.eventType())
                .bind("actorType", activity.actorType())
                .bind("actorId", activity.actorId())
                .bind("summary", activity.summary())
                .bind("occurredAt", activity.occurredAt().atOffset(ZoneOffset.UTC))
                .bind("data", Json.of(EventCodec.toJson(data)));
        spec = activity.organizationId() == null
                ? spec.bindNull("organizationId", UUID.class)
                : spec.bind("organizationId", activity.organizationId());
        return spec.then();
    }

    /**
     * Newest first, before the cursor position. {@code organizations} null = every organization (the admin token);
     * else only those (an empty list finds nothing). The SQL names only the conditions asked for, so PostgreSQL can
     * pick the index that fits (see the migrations).
     */
    Flux<Activity> findPage(List<UUID> organizations, ActivityFilter filter, Instant before, UUID beforeId,
                            int limit) {
        if (organizations != null && organizations.isEmpty()) {
            return Flux.empty();
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM activity WHERE (occurred_at, event_id) < (:before, :beforeId)");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("before", before.atOffset(ZoneOffset.UTC));
        values.put("beforeId", beforeId);
        if (organizations != null) {
            sql.append(" AND organization_id = ANY(:organizations)");
            values.put("organizations", organizations.toArray(UUID[]::new));
        }
        condition(sql, values, "resource_type = :resourceType", "resourceType", filter.resourceType());
        condition(sql, values, "resource_id = :resourceId", "resourceId", filter.resourceId());
        condition(sql, values, "actor_type = :actorType", "actorType", filter.actorType());
        condition(sql, values, "actor_id = :actorId", "actorId", filter.actorId());
        if (!filter.types().isEmpty()) {
            condition(sql, values, "event_type = ANY(:types)", "types", filter.types().toArray(String[]::new));
        }
        if (filter.from() != null) {
            condition(sql, values, "occurred_at >= :from", "from", filter.from().atOffset(ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            condition(sql, values, "occurred_at < :to", "to", filter.to().atOffset(ZoneOffset.UTC));
        }
        sql.append(" ORDER BY occurred_at DESC, event_id DESC LIMIT :limit");
        values.put("limit", limit);
        var spec = db.sql(sql.toString());
        for (var value : values.entrySet()) {
            spec = spec.bind(value.getKey(), value.getValue());
        }
        return spec.map(row -> new Activity(
                        row.get("event_id", UUID.class),
                        row.get("organization_id", UUID.class),
                        row.get("resource_type", String.class),
                        row.get("resource_id", String.class),
                        row.get("event_type", String.class),
                        row.get("actor_type", String.class),
                        row.get("actor_id", String.class),
                        row.get("summary", String.class),
                        row.get("occurred_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    private static void condition(StringBuilder sql, Map<String, Object> values, String condition, String name,
                                  Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            values.put(name, value);
        }
    }
}

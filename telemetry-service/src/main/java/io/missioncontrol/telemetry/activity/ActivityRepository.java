package io.missioncontrol.telemetry.activity;

import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.contracts.DomainEvent;
import io.r2dbc.postgresql.codec.Json;
import java.time.Instant;
import java.time.ZoneOffset;
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

    /** Newest first; every filter is optional ({@code null} = any). */
    Flux<Activity> findPage(UUID organizationId, String resourceType, String resourceId, Instant before,
                            UUID beforeId, int limit) {
        var spec = db.sql("""
                        SELECT * FROM activity
                        WHERE (CAST(:organizationId AS UUID) IS NULL OR organization_id = :organizationId)
                          AND (CAST(:resourceType AS TEXT) IS NULL OR resource_type = :resourceType)
                          AND (CAST(:resourceId AS TEXT) IS NULL OR resource_id = :resourceId)
                          AND (occurred_at, event_id) < (:before, :beforeId)
                        ORDER BY occurred_at DESC, event_id DESC
                        LIMIT :limit""")
                .bind("before", before.atOffset(ZoneOffset.UTC))
                .bind("beforeId", beforeId)
                .bind("limit", limit);
        spec = organizationId == null ? spec.bindNull("organizationId", UUID.class) : spec.bind("organizationId", organizationId);
        spec = resourceType == null ? spec.bindNull("resourceType", String.class) : spec.bind("resourceType", resourceType);
        spec = resourceId == null ? spec.bindNull("resourceId", String.class) : spec.bind("resourceId", resourceId);
        return spec.map(row -> new Activity(
                        row.get("event_id", UUID.class),
                        row.get("organization_id", UUID.class),
                        row.get("resource_type", String.class),
                        row.get("resource_id", String.class),
                        row.get("event_type", String.class),
                        row.get("actor_type", String.class),
                        row.get("actor_id", String.class),
                        row.get("summary", String.class),
                        row.get("occurred_at", java.time.OffsetDateTime.class).toInstant()))
                .all();
    }
}

package io.missioncontrol.platform.outbox;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.security.Caller;
import io.r2dbc.postgresql.codec.Json;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Appends events to the outbox table. Call it inside the transaction that makes the state change (a
 * {@code @Transactional} method or a {@code TransactionalOperator}): the change and its event commit together
 * or not at all, and {@link OutboxRelay} publishes them after the commit.
 *
 * <p>Update the aggregate's row before appending its event: the row lock then orders two concurrent changes
 * of one aggregate, so their outbox sequence numbers follow commit order.
 */
public class Outbox {

    private final DatabaseClient db;
    private final String source;

    public Outbox(DatabaseClient db, String serviceName) {
        this.db = db;
        this.source = "mission-control/" + serviceName;
    }

    /** Appends the event, attributed to the caller of the current request, or to this service outside one. */
    public Mono<Void> append(DomainEvent event) {
        return Caller.current()
                .map(Actor::of)
                .defaultIfEmpty(Actor.system(source.substring(source.indexOf('/') + 1)))
                .flatMap(actor -> append(event, actor));
    }

    public Mono<Void> append(DomainEvent event, Actor actor) {
        var type = event.eventType();
        var spec = db.sql("""
                        INSERT INTO mc_outbox (event_id, topic, type, source, subject, organization_id, actor_type,
                                               actor_id, aggregate_version, occurred_at, data)
                        VALUES (:eventId, :topic, :type, :source, :subject, :organizationId, :actorType,
                                :actorId, :version, :occurredAt, :data)""")
                .bind("eventId", UUID.randomUUID())
                .bind("topic", type.topic())
                .bind("type", type.name())
                .bind("source", source)
                .bind("subject", event.subject().toString())
                .bind("actorType", actor.type())
                .bind("actorId", actor.id())
                .bind("version", event.aggregateVersion())
                .bind("occurredAt", OffsetDateTime.now(ZoneOffset.UTC))
                .bind("data", Json.of(EventCodec.toJson(event)));
        spec = event.tenant() == null
                ? spec.bindNull("organizationId", UUID.class)
                : spec.bind("organizationId", event.tenant());
        return spec.then();
    }
}

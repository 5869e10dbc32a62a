package io.missioncontrol.platform.events;

import io.missioncontrol.contracts.DomainEvent;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A decoded CloudEvent: the envelope attributes and the typed data.
 *
 * @param id               unique event id; consumers deduplicate on it
 * @param type             stable type name, e.g. {@code mc.task.created.v1}
 * @param source           the publishing service
 * @param subject          the aggregate id (also the Kafka key)
 * @param time             when the state change was committed
 * @param organizationId   the {@code orgid} extension
 * @param actor            the {@code actortype}/{@code actorid} extensions
 * @param aggregateVersion the aggregate's version after the change
 * @param data             the event data
 */
public record EventEnvelope<T extends DomainEvent>(UUID id, String type, String source, String subject,
                                                   OffsetDateTime time, UUID organizationId, Actor actor,
                                                   long aggregateVersion, T data) {
}

package io.missioncontrol.telemetry.activity;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.platform.events.EventEnvelope;
import java.time.Instant;
import java.util.UUID;

/** One entry of the timeline: what happened to which resource, who did it, and when. */
record Activity(UUID eventId, UUID organizationId, String resourceType, String resourceId, String eventType,
                String actorType, String actorId, String summary, Instant occurredAt) {

    static Activity of(EventEnvelope<? extends DomainEvent> event) {
        return new Activity(event.id(), event.organizationId(), ActivityFilter.resourceTypeOf(event.type()),
                event.subject(), event.type(),
                event.actor().type(), event.actor().id(), event.data().summary(), event.time().toInstant());
    }
}

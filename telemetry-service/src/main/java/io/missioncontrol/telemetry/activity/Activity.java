package io.missioncontrol.telemetry.activity;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventCatalog;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.board.BoardCreated;
import io.missioncontrol.contracts.board.BoardGroupCreated;
import io.missioncontrol.contracts.organization.OrganizationCreated;
import io.missioncontrol.contracts.task.TaskCreated;
import io.missioncontrol.platform.events.EventEnvelope;
import java.time.Instant;
import java.util.UUID;

/** One entry of the timeline: what happened to which resource, who did it, and when. */
record Activity(UUID eventId, UUID organizationId, String resourceType, String resourceId, String eventType,
                String actorType, String actorId, String summary, Instant occurredAt) {

    static Activity of(EventEnvelope<? extends DomainEvent> event) {
        String resourceType = EventCatalog.find(event.type()).map(EventType::resourceType).orElse("unknown");
        return new Activity(event.id(), event.organizationId(), resourceType, event.subject(), event.type(),
                event.actor().type(), event.actor().id(), summarize(event.data()), event.time().toInstant());
    }

    /** A sentence for people reading the timeline; the event data itself stays available to machines. */
    static String summarize(DomainEvent data) {
        if (data instanceof OrganizationCreated created) {
            return "Organization \"" + created.name() + "\" created";
        }
        if (data instanceof BoardGroupCreated created) {
            return "Board group \"" + created.name() + "\" created";
        }
        if (data instanceof BoardCreated created) {
            return "Board \"" + created.name() + "\" created";
        }
        if (data instanceof TaskCreated created) {
            return "Task \"" + created.title() + "\" created (" + created.status() + ", " + created.priority()
                    + " priority)";
        }
        return data.eventType().name();
    }
}

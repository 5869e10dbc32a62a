package io.missioncontrol.telemetry.activity;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventCatalog;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.platform.events.EventEnvelope;
import io.missioncontrol.platform.web.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * What a reader of the timeline asks for, besides the organization: every part optional ({@code null} or empty =
 * any). Checked once, before any query or stream opens, so a typo is a 400 rather than an empty list that looks
 * like "nothing happened".
 *
 * @param types event types, any of them (e.g. {@code mc.task.created.v1})
 * @param from  inclusive
 * @param to    exclusive
 */
record ActivityFilter(String resourceType, String resourceId, String actorType, String actorId, List<String> types,
                      Instant from, Instant to) {

    static final Set<String> ACTOR_TYPES = Set.of("admin", "user", "agent", "system");
    static final Set<String> RESOURCE_TYPES = EventCatalog.ALL.stream().map(EventType::resourceType)
            .collect(Collectors.toCollection(TreeSet::new));
    static final Set<String> EVENT_TYPES = EventCatalog.ALL.stream().map(EventType::name)
            .collect(Collectors.toCollection(TreeSet::new));

    static final ActivityFilter ANY = new ActivityFilter(null, null, null, null, List.of(), null, null);

    ActivityFilter {
        types = types == null ? List.of() : List.copyOf(types);
    }

    static ActivityFilter parse(String resourceType, String resourceId, String actorType, String actorId,
                                List<String> types, String from, String to) {
        resourceType = blankToNull(resourceType);
        resourceId = blankToNull(resourceId);
        actorType = blankToNull(actorType);
        actorId = blankToNull(actorId);
        if (resourceType != null && !RESOURCE_TYPES.contains(resourceType)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "unknown_resource_type",
                    "resource_type must be one of " + RESOURCE_TYPES, Map.of("allowed", List.copyOf(RESOURCE_TYPES)));
        }
        if (resourceId != null && resourceType == null) {
            // Ids of different kinds of resources may look alike (organization and its first member's agent, say).
            throw ApiException.unprocessable("resource_type_required", "resource_id needs resource_type");
        }
        if (actorType != null && !ACTOR_TYPES.contains(actorType)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "unknown_actor_type",
                    "actor_type must be one of " + new TreeSet<>(ACTOR_TYPES),
                    Map.of("allowed", List.copyOf(new TreeSet<>(ACTOR_TYPES))));
        }
        List<String> wanted = types == null ? List.of() : types.stream()
                .flatMap(type -> java.util.Arrays.stream(type.split(",")))
                .map(String::strip).filter(type -> !type.isEmpty()).distinct().toList();
        List<String> unknown = wanted.stream().filter(type -> !EVENT_TYPES.contains(type)).toList();
        if (!unknown.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "unknown_event_type",
                    "Unknown event type(s): " + unknown + "; docs/events.md lists every type",
                    Map.of("unknown", unknown));
        }
        Instant start = time("from", from);
        Instant end = time("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ApiException.unprocessable("invalid_time_range", "from must be before to");
        }
        return new ActivityFilter(resourceType, resourceId, actorType, actorId, wanted, start, end);
    }

    /** The same filter over a live event: checked on the stream's Kafka thread, so it only compares strings. */
    boolean matches(EventEnvelope<DomainEvent> event) {
        if (resourceType != null && !resourceType.equals(resourceTypeOf(event.type()))) {
            return false;
        }
        if (resourceId != null && !resourceId.equals(event.subject())) {
            return false;
        }
        if (actorType != null && (event.actor() == null || !actorType.equals(event.actor().type()))) {
            return false;
        }
        if (actorId != null && (event.actor() == null || !actorId.equals(event.actor().id()))) {
            return false;
        }
        if (!types.isEmpty() && !types.contains(event.type())) {
            return false;
        }
        Instant time = event.time() == null ? null : event.time().toInstant();
        return (from == null || (time != null && !time.isBefore(from))) && (to == null || (time != null && time.isBefore(to)));
    }

    static String resourceTypeOf(String eventType) {
        return EventCatalog.find(eventType).map(EventType::resourceType).orElse("unknown");
    }

    private static Instant time(String name, String value) {
        value = blankToNull(value);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_time",
                    name + " must be an ISO-8601 time with an offset, e.g. 2026-11-23T08:00:00Z",
                    Map.of("field", name));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

package io.missioncontrol.telemetry.activity;

import io.missioncontrol.platform.web.Page;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
class ActivityController {

    private final ActivityService activities;

    ActivityController(ActivityService activities) {
        this.activities = activities;
    }

    /**
     * The timeline, newest first: of the organization named, else of every organization the caller reads (the admin
     * token: all). {@code type} may repeat or list several types separated by commas; {@code from} is inclusive,
     * {@code to} exclusive.
     */
    @GetMapping("/api/activity")
    Mono<Page<ActivityView>> list(@RequestParam(name = "organization_id", required = false) UUID organizationId,
                                  @RequestParam(name = "resource_type", required = false) String resourceType,
                                  @RequestParam(name = "resource_id", required = false) String resourceId,
                                  @RequestParam(name = "actor_type", required = false) String actorType,
                                  @RequestParam(name = "actor_id", required = false) String actorId,
                                  @RequestParam(name = "type", required = false) List<String> types,
                                  @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to,
                                  @RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) String cursor) {
        int size = Page.limit(limit);
        Page.Cursor after = Page.Cursor.decode(cursor);
        ActivityFilter filter = ActivityFilter.parse(resourceType, resourceId, actorType, actorId, types, from, to);
        return activities.list(organizationId, filter, size, after)
                .map(page -> new Page<>(page.items().stream().map(ActivityView::of).toList(), page.nextCursor()));
    }

    /**
     * New timeline events as Server-Sent Events (decision 0009), with the same filters as the list except the time
     * range. A client that opens a new connection to resume may pass its id as {@code last_event_id}, since a
     * browser's {@code EventSource} cannot set headers.
     */
    @GetMapping(path = "/api/activity/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<ResponseEntity<Flux<ServerSentEvent<String>>>> stream(
            @RequestParam(name = "organization_id", required = false) UUID organizationId,
            @RequestParam(name = "resource_type", required = false) String resourceType,
            @RequestParam(name = "resource_id", required = false) String resourceId,
            @RequestParam(name = "actor_type", required = false) String actorType,
            @RequestParam(name = "actor_id", required = false) String actorId,
            @RequestParam(name = "type", required = false) List<String> types,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
            @RequestParam(name = "last_event_id", required = false) String lastEventIdParameter) {
        ActivityFilter filter = ActivityFilter.parse(resourceType, resourceId, actorType, actorId, types, null, null);
        String lastEventId = lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParameter;
        return activities.stream(organizationId, filter, lastEventId).map(events -> ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                // Reverse proxies such as nginx would otherwise hold events back to fill their buffers.
                .header("X-Accel-Buffering", "no")
                .body(events));
    }

    record ActivityView(UUID id, UUID organizationId, String resourceType, String resourceId, String eventType,
                        ActorView actor, String summary, Instant occurredAt) {

        static ActivityView of(Activity activity) {
            return new ActivityView(activity.eventId(), activity.organizationId(), activity.resourceType(),
                    activity.resourceId(), activity.eventType(),
                    new ActorView(activity.actorType(), activity.actorId()), activity.summary(),
                    activity.occurredAt());
        }
    }

    record ActorView(String type, String id) {
    }
}

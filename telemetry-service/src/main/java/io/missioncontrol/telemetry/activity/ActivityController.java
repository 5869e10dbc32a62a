package io.missioncontrol.telemetry.activity;

import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class ActivityController {

    private final ActivityRepository activities;

    ActivityController(ActivityRepository activities) {
        this.activities = activities;
    }

    /**
     * The timeline, newest first. An administrator sees every organization (or one, with {@code organization_id});
     * anyone else sees only the organization they are fixed to, and another organization's filter finds nothing.
     */
    @GetMapping("/api/activity")
    Mono<Page<ActivityView>> list(@RequestParam(name = "organization_id", required = false) UUID organizationId,
                                  @RequestParam(name = "resource_type", required = false) String resourceType,
                                  @RequestParam(name = "resource_id", required = false) String resourceId,
                                  @RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) String cursor) {
        int size = Page.limit(limit);
        Page.Cursor after = Page.Cursor.decode(cursor);
        return Caller.current()
                .flatMap(caller -> {
                    UUID scope = caller.isAdmin() ? organizationId : caller.organizationId();
                    if (!caller.isAdmin() && (scope == null || (organizationId != null && !organizationId.equals(scope)))) {
                        return Mono.error(ApiException.notFound("organization", organizationId));
                    }
                    return activities.findPage(scope, resourceType, resourceId, after.time(), after.id(), size + 1)
                            .collectList();
                })
                .map(rows -> Page.of(rows, size, row -> new Page.Cursor(row.occurredAt(), row.eventId())))
                .map(page -> new Page<>(page.items().stream().map(ActivityView::of).toList(), page.nextCursor()));
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

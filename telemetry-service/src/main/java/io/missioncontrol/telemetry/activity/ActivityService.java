package io.missioncontrol.telemetry.activity;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.platform.events.EventEnvelope;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.stream.EventStream;
import io.missioncontrol.platform.tenancy.TenancyProperties;
import io.missioncontrol.platform.tenancy.TenantAccess;
import io.missioncontrol.platform.web.Page;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads of the timeline, past (PostgreSQL) and live (Kafka), over the organizations the caller may read as a viewer.
 * A named organization the caller may not read is a 404, as anywhere else.
 */
@Service
class ActivityService {

    private final ActivityRepository activities;
    private final TenantAccess access;
    private final EventStream domainEvents;

    private final String agentReadScope;

    ActivityService(ActivityRepository activities, TenantAccess access, TenancyProperties tenancy,
                    EventStream activityEventStream) {
        this.activities = activities;
        this.access = access;
        this.agentReadScope = tenancy.agentReadScope();
        this.domainEvents = activityEventStream;
    }

    Mono<Page<Activity>> list(UUID organizationId, ActivityFilter filter, int limit, Page.Cursor after) {
        return readable(organizationId)
                .flatMap(scope -> activities.findPage(scope.organizations(), filter, after.time(), after.id(),
                        limit + 1).collectList())
                .map(rows -> Page.of(rows, limit, row -> new Page.Cursor(row.occurredAt(), row.eventId())));
    }

    /**
     * Every new event of the caller's organizations (or the one named) that passes the filter. The set of
     * organizations is asked again every {@code mc.stream.access-recheck}: one the caller gained is added to the
     * open stream, and losing one ends the stream (the client reconnects with its {@code Last-Event-ID} and meets
     * the check at the door), as with board streams.
     */
    Mono<Flux<ServerSentEvent<String>>> stream(UUID organizationId, ActivityFilter filter, String lastEventId) {
        return readable(organizationId).flatMap(opened -> {
            AtomicReference<Scope> current = new AtomicReference<>(opened);
            Mono<Boolean> stillAllowed = readable(organizationId)
                    .map(now -> {
                        if (!now.covers(current.get())) {
                            return false;
                        }
                        current.set(now);
                        return true;
                    });
            return domainEvents.open(event -> current.get().contains(event) && filter.matches(event), lastEventId,
                    stillAllowed);
        });
    }

    /** The organizations the caller reads here: the one named (404 when not theirs), else all theirs. */
    private Mono<Scope> readable(UUID organizationId) {
        if (organizationId != null) {
            return access.requireRead(organizationId, "organization", organizationId)
                    .map(caller -> new Scope(List.of(organizationId)));
        }
        return Caller.current().flatMap(caller -> {
            if (caller.isAdmin()) {
                return Mono.just(Scope.EVERYTHING);
            }
            // An agent's span is its own organization, and it reads there only with the service's read scope.
            return Mono.fromCallable(() -> caller.requireScope(agentReadScope))
                    .flatMap(allowed -> access.organizationsOf(caller).collectList())
                    .map(organizations -> new Scope(organizations));
        });
    }

    /** Organizations a read covers; {@code null} = every one, events without an organization included (admin). */
    record Scope(List<UUID> organizations) {

        static final Scope EVERYTHING = new Scope(null);

        Scope {
            organizations = organizations == null ? null : List.copyOf(Set.copyOf(organizations));
        }

        boolean contains(EventEnvelope<DomainEvent> event) {
            return organizations == null
                    || (event.organizationId() != null && organizations.contains(event.organizationId()));
        }

        boolean covers(Scope other) {
            return organizations == null
                    || (other.organizations != null && organizations.containsAll(other.organizations));
        }
    }
}

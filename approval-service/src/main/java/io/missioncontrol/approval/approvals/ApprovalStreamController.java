package io.missioncontrol.approval.approvals;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.platform.events.EventEnvelope;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.stream.EventStream;
import io.missioncontrol.platform.tenancy.TenantAccess;
import io.missioncontrol.platform.web.ApiException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Every approval change of the caller's organizations, live (SSE), with {@code Last-Event-ID} resume. */
@RestController
class ApprovalStreamController {

    private final EventStream approvalEvents;
    private final TenantAccess access;

    ApprovalStreamController(EventStream approvalEvents, TenantAccess access) {
        this.approvalEvents = approvalEvents;
        this.access = access;
    }

    /**
     * The organizations are those the caller may read when the stream opens (all of them for the admin token, its own
     * for an agent); they are checked again every {@code mc.stream.access-recheck}, and the stream ends when the
     * caller has lost one of them. {@code last_event_id} is for clients that cannot set headers.
     */
    @GetMapping(path = "/api/approvals/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<ResponseEntity<Flux<ServerSentEvent<String>>>> stream(
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
            @RequestParam(name = "last_event_id", required = false) String lastEventIdParameter) {
        String lastEventId = lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParameter;
        return Caller.current()
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated",
                        "Sign in first")))
                .flatMap(caller -> organizations(caller).flatMap(organizations -> approvalEvents.open(
                        event -> caller.isAdmin() || isOf(organizations, event), lastEventId,
                        caller.isAdmin() ? Mono.just(true) : organizations(caller)
                                .map(now -> now.containsAll(organizations)))))
                .map(events -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        // Reverse proxies such as nginx would otherwise hold events back to fill their buffers.
                        .header("X-Accel-Buffering", "no")
                        .body(events));
    }

    private Mono<Set<UUID>> organizations(Caller caller) {
        return access.organizationsOf(caller).collect(HashSet<UUID>::new, Set::add).map(Set::copyOf);
    }

    /** Checked on the Kafka thread for every approval event: a set lookup. */
    static boolean isOf(Set<UUID> organizations, EventEnvelope<DomainEvent> event) {
        return event.organizationId() != null && organizations.contains(event.organizationId());
    }
}

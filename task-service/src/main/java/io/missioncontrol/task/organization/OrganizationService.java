package io.missioncontrol.task.organization;

import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import io.missioncontrol.task.access.TenantAccess;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

@Service
public class OrganizationService {

    private final OrganizationRepository organizations;
    private final TenantAccess access;
    private final Outbox outbox;
    private final Clock clock;

    OrganizationService(OrganizationRepository organizations, TenantAccess access, Outbox outbox, Clock clock) {
        this.clock = clock;
        this.organizations = organizations;
        this.access = access;
        this.outbox = outbox;
    }

    @Transactional
    Mono<Organization> create(String name, String description) {
        return access.requireAdmin()
                .flatMap(caller -> organizations.save(Organization.create(name, description, caller.subject(), clock.instant())))
                .flatMap(saved -> outbox.append(saved.created()).thenReturn(saved));
    }

    Mono<Organization> get(UUID id) {
        return organizations.findById(id)
                .flatMap(organization -> access.requireRead(id, "organization", id).thenReturn(organization))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("organization", id)));
    }

    Mono<Page<Organization>> list(int limit, Page.Cursor after) {
        return access.organizationScope()
                .flatMap(scope -> scope
                        .map(only -> organizations.findPageOf(only, after.time(), after.id(), limit + 1))
                        .orElseGet(() -> organizations.findPage(after.time(), after.id(), limit + 1))
                        .collectList())
                .map(rows -> Page.of(rows, limit, row -> new Page.Cursor(row.createdAt(), row.id())));
    }

    /**
     * For the other features of this service: the caller, when the organization exists and they may write into
     * it; otherwise a 422 naming the request field, which does not tell another tenant that the id exists.
     */
    public Mono<Caller> requireWritable(UUID organizationId, String field) {
        return organizations.existsById(organizationId)
                .filter(Boolean::booleanValue)
                .flatMap(exists -> access.requireWrite(organizationId, "organization", organizationId))
                .onErrorMap(ApiException.class, e -> unknownReference(field, "organization", organizationId))
                .switchIfEmpty(Mono.error(() -> unknownReference(field, "organization", organizationId)));
    }

    /** A request body that points at a parent that does not exist (or that the caller may not see). */
    public static ApiException unknownReference(String field, String resourceType, UUID id) {
        return new ApiException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, "unknown_reference",
                resourceType + " " + id + " does not exist",
                java.util.Map.of("errors", java.util.List.of(java.util.Map.of(
                        "field", field, "message", resourceType + " " + id + " does not exist"))));
    }
}

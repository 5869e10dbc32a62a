package io.missioncontrol.task.organization;

import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import io.missioncontrol.platform.tenancy.Role;
import io.missioncontrol.platform.tenancy.TenantAccess;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Organizations: founded by people (who become their first owner) or the admin token, edited by admins, deleted by owners. */
@Service
public class OrganizationService {

    private final OrganizationRepository organizations;
    private final MembershipService memberships;
    private final TenantAccess access;
    private final Outbox outbox;
    private final Clock clock;

    OrganizationService(OrganizationRepository organizations, MembershipService memberships, TenantAccess access,
                        Outbox outbox, Clock clock) {
        this.clock = clock;
        this.organizations = organizations;
        this.memberships = memberships;
        this.access = access;
        this.outbox = outbox;
    }

    /** A person who founds an organization becomes its owner in the same transaction: it is never ownerless. */
    @Transactional
    Mono<Organization> create(String name, String description) {
        return access.requireOrganizationFounder()
                .flatMap(caller -> organizations.save(Organization.create(name, description, caller.subject(),
                                clock.instant()))
                        .flatMap(saved -> outbox.append(saved.created()).thenReturn(saved))
                        .flatMap(saved -> caller.kind() == Caller.Kind.USER
                                ? memberships.addFounder(saved, caller)
                                : Mono.just(saved)));
    }

    Mono<Organization> get(UUID id) {
        return access.requireRead(id, "organization", id)
                .then(organizations.findLive(id))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("organization", id)));
    }

    /** Every organization for the admin token, its own for an agent, a person's memberships for a person. */
    Mono<Page<Organization>> list(int limit, Page.Cursor after) {
        return access.claimInvitations()
                .flatMap(caller -> visibleTo(caller, limit + 1, after).collectList())
                .map(rows -> Page.of(rows, limit, row -> new Page.Cursor(row.createdAt(), row.id())));
    }

    private Flux<Organization> visibleTo(Caller caller, int rows, Page.Cursor after) {
        if (caller.isAdmin()) {
            return organizations.findPage(after.time(), after.id(), rows);
        }
        if (caller.kind() == Caller.Kind.USER) {
            return organizations.findPageOfMember(caller.subject(), after.time(), after.id(), rows);
        }
        return caller.organizationId() == null ? Flux.empty()
                : organizations.findPageOf(caller.organizationId(), after.time(), after.id(), rows);
    }

    /** Name and/or description, by an admin or owner; a change that changes nothing publishes nothing. */
    @Transactional
    Mono<Organization> update(UUID id, String name, String description) {
        return access.requireRole(id, Role.ADMIN, "organization", id)
                .then(lock(id))
                .flatMap(organization -> organization.edited(name, description, clock.instant())
                        .map(edited -> organizations.save(edited)
                                .flatMap(saved -> outbox.append(saved.updated()).thenReturn(saved)))
                        .orElseGet(() -> Mono.just(organization)));
    }

    /** Soft: the organization and everything in it disappear from every answer; the rows stay for the audit trail. */
    @Transactional
    Mono<Void> delete(UUID id) {
        return access.requireRole(id, Role.OWNER, "organization", id)
                .then(lock(id))
                .flatMap(organization -> organizations.save(organization.deleted(clock.instant())))
                .flatMap(deleted -> outbox.append(deleted.deletion()));
    }

    private Mono<Organization> lock(UUID id) {
        return organizations.lockLive(id).switchIfEmpty(Mono.error(() -> ApiException.notFound("organization", id)));
    }

    /**
     * For the other features of this service: the caller, when the organization exists and they may write tasks into
     * it (member and up). Otherwise a 422 naming the request field when they have no place there — which does not
     * tell another tenant that the id exists — or a 403 when they are a member whose role is too small.
     */
    public Mono<Caller> requireWritable(UUID organizationId, String field) {
        return requireWritable(organizationId, field, Role.MEMBER);
    }

    /** As {@link #requireWritable(UUID, String)}, for a role other than member (e.g. admin to manage boards). */
    public Mono<Caller> requireWritable(UUID organizationId, String field, Role minimum) {
        return access.requireRole(organizationId, minimum, "organization", organizationId)
                .onErrorMap(e -> e instanceof ApiException api && "not_found".equals(api.code()),
                        e -> unknownReference(field, "organization", organizationId));
    }

    /** A request body that points at a parent that does not exist (or that the caller may not see). */
    public static ApiException unknownReference(String field, String resourceType, UUID id) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_reference",
                resourceType + " " + id + " does not exist",
                Map.of("errors", List.of(Map.of("field", field, "message", resourceType + " " + id + " does not exist"))));
    }
}

package io.missioncontrol.platform.tenancy;

import io.missioncontrol.contracts.credential.AgentScopes;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.ApiException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Decides what the caller may see and change, by their role in the organization (see {@link Role}):
 * <ul>
 *   <li>the admin token acts as an owner of every organization;</li>
 *   <li>a person has the role of their membership, found by subject (or, the first time, by the e-mail address an
 *       invitation was sent to, which then becomes theirs);</li>
 *   <li>an agent reads and writes in the one organization its key is fixed to, as a {@code member} would, when its
 *       key has the service's read scope (for reads) or write scope (for writes): else 403 {@code insufficient_scope}
 *       (by default {@code tasks:read} and {@code tasks:write}, see {@link TenancyProperties}).</li>
 * </ul>
 * Someone with no place in an organization gets 404 for its objects, never 403: the answer must not tell whether the
 * object exists. A member whose role is too small gets 403 {@code forbidden}: to members, existence is no secret.
 * A deleted organization is gone for everyone, the admin token included.
 *
 * <p>Every check is one indexed query; nothing is cached, so a changed role applies from the next request on.
 */
public class TenantAccess {

    private final Memberships memberships;
    private final String agentReadScope;
    private final String agentWriteScope;

    /** Agents read with {@code tasks:read} and write with {@code tasks:write}. */
    public TenantAccess(Memberships memberships) {
        this(memberships, AgentScopes.TASKS_READ, AgentScopes.TASKS_WRITE);
    }

    public TenantAccess(Memberships memberships, String agentReadScope, String agentWriteScope) {
        this.memberships = memberships;
        this.agentReadScope = agentReadScope;
        this.agentWriteScope = agentWriteScope;
    }

    /** The caller, when they may read the organization's objects (viewer and up, or its own agent); else a 404. */
    public Mono<Caller> requireRead(UUID organizationId, String resourceType, Object resourceId) {
        return requireRole(organizationId, Role.VIEWER, resourceType, resourceId);
    }

    /** The caller, when they may change the organization's tasks (member and up, or its own agent). */
    public Mono<Caller> requireWrite(UUID organizationId, String resourceType, Object resourceId) {
        return requireRole(organizationId, Role.MEMBER, resourceType, resourceId);
    }

    /**
     * The caller, when their role in the organization is at least {@code minimum}: a 404 for the named resource when
     * they have no place there, a 403 {@code forbidden} when their role is too small. An agent's key also needs the
     * write scope for what needs a member, the read scope for what a viewer may do (403 {@code insufficient_scope}).
     */
    public Mono<Caller> requireRole(UUID organizationId, Role minimum, String resourceType, Object resourceId) {
        return access(organizationId, resourceType, resourceId)
                .flatMap(access -> {
                    if (!access.role().atLeast(minimum)) {
                        return Mono.error(forbidden(access.role(), minimum));
                    }
                    return Mono.fromCallable(() -> access.caller()
                            .requireScope(minimum.atLeast(Role.MEMBER) ? agentWriteScope : agentReadScope));
                });
    }

    /**
     * The live organizations the caller may read, for views that span them (streams "of the caller's
     * organizations"): every one for the admin token, its own for an agent, their memberships (and invitations to
     * their address) for a person. Scopes are the caller's business: an agent's key is checked where it is used.
     */
    public Flux<UUID> organizationsOf(Caller caller) {
        if (caller.isAdmin()) {
            return memberships.liveOrganizations();
        }
        if (caller.kind() == Caller.Kind.AGENT) {
            return caller.organizationId() == null ? Flux.empty()
                    : memberships.isLive(caller.organizationId()).filter(Boolean::booleanValue)
                            .map(live -> caller.organizationId()).flux();
        }
        return memberships.organizationsOf(caller);
    }

    /**
     * The caller and their role in the organization, whatever the role: for rules that depend on who acts on whom
     * (removing yourself, granting ownership). A 404 for the named resource when they have no place there.
     */
    public Mono<OrganizationAccess> access(UUID organizationId, String resourceType, Object resourceId) {
        return Caller.current()
                .flatMap(caller -> accessOf(caller, organizationId))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(resourceType, resourceId)));
    }

    private Mono<OrganizationAccess> accessOf(Caller caller, UUID organizationId) {
        if (caller.isAdmin()) {
            return memberships.isLive(organizationId).filter(Boolean::booleanValue)
                    .map(live -> new OrganizationAccess(caller, Role.OWNER, null));
        }
        if (caller.kind() == Caller.Kind.AGENT) {
            return organizationId.equals(caller.organizationId())
                    ? memberships.isLive(organizationId).filter(Boolean::booleanValue)
                            .map(live -> new OrganizationAccess(caller, Role.MEMBER, null))
                    : Mono.empty();
        }
        return memberships.standing(organizationId, caller)
                .filter(standing -> standing.memberId() != null)
                .flatMap(standing -> (standing.pending()
                        ? memberships.bind(organizationId, standing.memberId(), caller)
                        : Mono.<Void>empty())
                        .thenReturn(new OrganizationAccess(caller, Role.fromWire(standing.role()),
                                standing.memberId())));
    }

    /** People and the admin token may found organizations; agents work inside the one they belong to. */
    public Mono<Caller> requireOrganizationFounder() {
        return Caller.current()
                .filter(caller -> caller.isAdmin() || caller.kind() == Caller.Kind.USER)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                        "Only people and the administrator may create organizations")));
    }

    /**
     * The caller, after binding every invitation to their e-mail address to them: for lists that span organizations,
     * so that a person invited by address sees the organization in their list on their first call.
     */
    public Mono<Caller> claimInvitations() {
        return Caller.current()
                .flatMap(caller -> caller.kind() != Caller.Kind.USER ? Mono.just(caller)
                        : memberships.invitations(caller)
                                .concatMap(invitation -> memberships.bind(invitation.organizationId(),
                                        invitation.memberId(), caller))
                                .then(Mono.just(caller)));
    }

    private static ApiException forbidden(Role role, Role minimum) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                "This needs the role " + minimum.wire() + " or higher in the organization; yours is " + role.wire(),
                Map.of("role", role.wire(), "required_role", minimum.wire()));
    }
}

package io.missioncontrol.platform.tenancy;

import io.missioncontrol.platform.security.Caller;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where people stand in organizations, as {@link TenantAccess} needs to know. Two implementations: task-service's,
 * over the memberships it owns (and binds invitations in), and every other service's {@link MembershipReplica}, built
 * from membership events. Each check is one indexed query: never a query per row of a list.
 */
public interface Memberships {

    /** Where a person stands: empty when the organization does not exist (or was deleted). */
    Mono<Standing> standing(UUID organizationId, Caller person);

    /** Whether the organization exists and was not deleted. */
    Mono<Boolean> isLive(UUID organizationId);

    /** Binds an invitation to the person's address to the person (only the owner of memberships can). */
    Mono<Void> bind(UUID organizationId, UUID memberId, Caller person);

    /** Invitations to the person's address that are not bound yet, in organizations they do not belong to. */
    Flux<Invitation> invitations(Caller person);

    /** The live organizations the person is a member of, by subject or by an invitation to their address. */
    Flux<UUID> organizationsOf(Caller person);

    /** Every live organization: what the admin token may read. */
    Flux<UUID> liveOrganizations();

    /**
     * @param memberId null when the person is no member
     * @param role     the member's role (wire word), null when no member
     * @param pending  the membership is an invitation to the person's address, not yet bound to them
     */
    record Standing(UUID memberId, String role, boolean pending) {
    }

    record Invitation(UUID organizationId, UUID memberId) {
    }
}

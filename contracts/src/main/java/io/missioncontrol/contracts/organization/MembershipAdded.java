package io.missioncontrol.contracts.organization;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/**
 * Someone became a member of an organization. {@code user_subject} is the person's subject at the identity provider;
 * it is null while the member is known only by {@code email} (an invitation, bound to a subject by
 * {@link MembershipBound} when that person first signs in). {@code role} is one of {@code owner}, {@code admin},
 * {@code member}, {@code viewer}.
 */
public record MembershipAdded(UUID organizationId, UUID memberId, String userSubject, String email, String role,
                              long version)
        implements DomainEvent {

    public static final EventType<MembershipAdded> TYPE =
            new EventType<>("mc.membership.added.v1", Topics.ORGANIZATIONS, "organization", MembershipAdded.class);

    @Override
    public EventType<?> eventType() {
        return TYPE;
    }

    /**
     * The organization, not the member: membership changes are changes of the organization, keyed by it, so that
     * one organization's membership changes reach consumers in order. {@code version} is the organization's.
     */
    @Override
    public UUID subject() {
        return organizationId;
    }

    @Override
    public UUID tenant() {
        return organizationId;
    }

    @Override
    public long aggregateVersion() {
        return version;
    }

    @Override
    public String summary() {
        return "Member " + Members.name(userSubject, email) + " added as " + role;
    }
}

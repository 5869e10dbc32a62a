package io.missioncontrol.contracts.organization;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** A member left or was removed from an organization; {@code role} is the one they had. */
public record MembershipRemoved(UUID organizationId, UUID memberId, String userSubject, String email, String role,
                                long version)
        implements DomainEvent {

    public static final EventType<MembershipRemoved> TYPE =
            new EventType<>("mc.membership.removed.v1", Topics.ORGANIZATIONS, "organization", MembershipRemoved.class);

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
        return "Member " + Members.name(userSubject, email) + " removed (was " + role + ")";
    }
}

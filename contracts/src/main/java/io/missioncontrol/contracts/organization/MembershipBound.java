package io.missioncontrol.contracts.organization;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/**
 * A member added by e-mail address only signed in for the first time: from now on the membership belongs to the
 * identity provider's subject ({@code user_subject}), which is how every service recognises the person.
 */
public record MembershipBound(UUID organizationId, UUID memberId, String userSubject, String email, String role,
                              long version)
        implements DomainEvent {

    public static final EventType<MembershipBound> TYPE =
            new EventType<>("mc.membership.bound.v1", Topics.ORGANIZATIONS, "organization", MembershipBound.class);

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
        return "Member " + email + " signed in for the first time";
    }
}

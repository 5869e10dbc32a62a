package io.missioncontrol.contracts.organization;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/**
 * An organization was deleted (softly: it is hidden everywhere from now on). Its memberships, boards and tasks go with
 * it; no separate removal events follow.
 */
public record OrganizationDeleted(UUID organizationId, String name, long version)
        implements DomainEvent {

    public static final EventType<OrganizationDeleted> TYPE =
            new EventType<>("mc.organization.deleted.v1", Topics.ORGANIZATIONS, "organization", OrganizationDeleted.class);

    @Override
    public EventType<?> eventType() {
        return TYPE;
    }

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
        return "Organization \"" + name + "\" deleted";
    }
}

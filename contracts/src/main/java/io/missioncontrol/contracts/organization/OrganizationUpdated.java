package io.missioncontrol.contracts.organization;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** An organization's name or description changed; the data is the whole new state. */
public record OrganizationUpdated(UUID organizationId, String name, String description, long version)
        implements DomainEvent {

    public static final EventType<OrganizationUpdated> TYPE =
            new EventType<>("mc.organization.updated.v1", Topics.ORGANIZATIONS, "organization", OrganizationUpdated.class);

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
        return "Organization \"" + name + "\" updated";
    }
}

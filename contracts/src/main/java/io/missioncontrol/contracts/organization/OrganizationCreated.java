package io.missioncontrol.contracts.organization;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** An organization (tenant) was created. */
public record OrganizationCreated(UUID organizationId, String name, String description, long version)
        implements DomainEvent {

    public static final EventType<OrganizationCreated> TYPE =
            new EventType<>("mc.organization.created.v1", Topics.ORGANIZATIONS, "organization", OrganizationCreated.class);

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
        return "Organization \"" + name + "\" created";
    }
}

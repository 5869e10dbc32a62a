package io.missioncontrol.contracts.tag;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** A tag was created in an organization; tasks of that organization can now carry it. */
public record TagCreated(UUID tagId, UUID organizationId, String name, String color, long version) implements DomainEvent {

    public static final EventType<TagCreated> TYPE = new EventType<>("mc.tag.created.v1", Topics.TAGS, "tag", TagCreated.class);

    @Override
    public EventType<?> eventType() {
        return TYPE;
    }

    @Override
    public UUID subject() {
        return tagId;
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
        return "Tag \"" + name + "\" created";
    }
}

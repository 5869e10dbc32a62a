package io.missioncontrol.contracts.tag;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** A tag was renamed or recoloured; the data is the tag as it is now. */
public record TagUpdated(UUID tagId, UUID organizationId, String name, String color, long version) implements DomainEvent {

    public static final EventType<TagUpdated> TYPE = new EventType<>("mc.tag.updated.v1", Topics.TAGS, "tag", TagUpdated.class);

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
        return "Tag \"" + name + "\" updated";
    }
}

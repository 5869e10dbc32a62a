package io.missioncontrol.contracts.tag;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** A tag was deleted; the tasks that carried it lost it first, each with its own mc.task.tags-changed.v1. */
public record TagDeleted(UUID tagId, UUID organizationId, String name, String color, long version) implements DomainEvent {

    public static final EventType<TagDeleted> TYPE = new EventType<>("mc.tag.deleted.v1", Topics.TAGS, "tag", TagDeleted.class);

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
        return "Tag \"" + name + "\" deleted";
    }
}

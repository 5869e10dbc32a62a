package io.missioncontrol.contracts.board;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** A board group was renamed or its description changed; the data is the group as it is now. */
public record BoardGroupUpdated(UUID boardGroupId, UUID organizationId, String name, String description, long version) implements DomainEvent {

    public static final EventType<BoardGroupUpdated> TYPE = new EventType<>("mc.board-group.updated.v1", Topics.BOARDS, "board_group", BoardGroupUpdated.class);

    @Override
    public EventType<?> eventType() {
        return TYPE;
    }

    @Override
    public UUID subject() {
        return boardGroupId;
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
        return "Board group \"" + name + "\" updated";
    }
}

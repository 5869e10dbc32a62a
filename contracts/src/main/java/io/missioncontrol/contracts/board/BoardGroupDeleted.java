package io.missioncontrol.contracts.board;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** A board group was purged, after each of its boards (each with its own mc.board.deleted.v1). */
public record BoardGroupDeleted(UUID boardGroupId, UUID organizationId, String name, long boardCount, long version) implements DomainEvent {

    public static final EventType<BoardGroupDeleted> TYPE = new EventType<>("mc.board-group.deleted.v1", Topics.BOARDS, "board_group", BoardGroupDeleted.class);

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
        return "Board group \"" + name + "\" deleted with " + boardCount + " board(s)";
    }
}

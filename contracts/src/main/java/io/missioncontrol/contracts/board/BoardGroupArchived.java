package io.missioncontrol.contracts.board;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** A board group was archived, after each of its live boards (each with its own mc.board.archived.v1). */
public record BoardGroupArchived(UUID boardGroupId, UUID organizationId, String name, long boardCount, long version) implements DomainEvent {

    public static final EventType<BoardGroupArchived> TYPE = new EventType<>("mc.board-group.archived.v1", Topics.BOARDS, "board_group", BoardGroupArchived.class);

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
        return "Board group \"" + name + "\" archived with " + boardCount + " board(s)";
    }
}

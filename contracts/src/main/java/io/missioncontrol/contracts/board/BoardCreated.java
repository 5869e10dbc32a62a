package io.missioncontrol.contracts.board;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** A board was created inside a board group. */
public record BoardCreated(UUID boardId, UUID boardGroupId, UUID organizationId, String name, String description,
                           long version) implements DomainEvent {

    public static final EventType<BoardCreated> TYPE =
            new EventType<>("mc.board.created.v1", Topics.BOARDS, "board", BoardCreated.class);

    @Override
    public EventType<?> eventType() {
        return TYPE;
    }

    @Override
    public UUID subject() {
        return boardId;
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
        return "Board \"" + name + "\" created";
    }
}

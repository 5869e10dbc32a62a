package io.missioncontrol.contracts.board;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** A board was archived: it and its tasks are hidden from the API and take no new tasks; its rows stay. */
public record BoardArchived(UUID boardId, UUID boardGroupId, UUID organizationId, String name, long taskCount, long version) implements DomainEvent {

    public static final EventType<BoardArchived> TYPE = new EventType<>("mc.board.archived.v1", Topics.BOARDS, "board", BoardArchived.class);

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
        return "Board \"" + name + "\" archived with " + taskCount + " task(s)";
    }
}

package io.missioncontrol.contracts.board;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** A board was purged: it and its tasks are gone for good (no per-task events are sent). */
public record BoardDeleted(UUID boardId, UUID boardGroupId, UUID organizationId, String name, long taskCount, long version) implements DomainEvent {

    public static final EventType<BoardDeleted> TYPE = new EventType<>("mc.board.deleted.v1", Topics.BOARDS, "board", BoardDeleted.class);

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
        return "Board \"" + name + "\" deleted with " + taskCount + " task(s)";
    }
}

package io.missioncontrol.contracts.board;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** A board group was created inside an organization. */
public record BoardGroupCreated(UUID boardGroupId, UUID organizationId, String name, String description, long version)
        implements DomainEvent {

    public static final EventType<BoardGroupCreated> TYPE =
            new EventType<>("mc.board-group.created.v1", Topics.BOARDS, "board_group", BoardGroupCreated.class);

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
        return "Board group \"" + name + "\" created";
    }
}

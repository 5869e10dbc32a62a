package io.missioncontrol.contracts.board;


import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.List;
import java.util.UUID;

/**
 * A board's name, description or governance flags changed; the data is the whole board after the change, and
 * {@code changed_fields} names what changed.
 */
public record BoardUpdated(UUID boardId, UUID boardGroupId, UUID organizationId, String name, String description,
                           boolean requireApprovalForDone, boolean requireReviewBeforeDone,
                           boolean commentRequiredForReview, boolean blockStatusChangesWithPendingApproval,
                           boolean onlyLeadCanChangeStatus, UUID leadAgentId, Integer maxAgents,
                           List<String> changedFields, long version) implements DomainEvent {

    public static final EventType<BoardUpdated> TYPE =
            new EventType<>("mc.board.updated.v1", Topics.BOARDS, "board", BoardUpdated.class);

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
        return "Board \"" + name + "\" updated: " + String.join(", ", changedFields);
    }
}

package io.missioncontrol.contracts.approval;


import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.List;
import java.util.UUID;

/**
 * An approval was decided: every task in {@code task_ids} may now complete ({@code approved}) or may not
 * ({@code rejected}). Published by the approval service; task-service applies it to each task's approval state.
 */
public record ApprovalDecided(UUID approvalId, UUID organizationId, List<UUID> taskIds, String status, String decidedBy,
                              String comment, long version) implements DomainEvent {

    public static final EventType<ApprovalDecided> TYPE =
            new EventType<>("mc.approval.decided.v1", Topics.APPROVALS, "approval", ApprovalDecided.class);

    @Override
    public EventType<?> eventType() {
        return TYPE;
    }

    @Override
    public UUID subject() {
        return approvalId;
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
        return "Approval " + approvalId + " " + status + " by " + decidedBy;
    }
}

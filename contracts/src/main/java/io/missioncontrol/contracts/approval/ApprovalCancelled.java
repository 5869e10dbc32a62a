package io.missioncontrol.contracts.approval;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.List;
import java.util.UUID;

/**
 * The requester withdrew a pending approval. task-service clears the tasks' pending approval. Subject: the approval
 * id.
 */
public record ApprovalCancelled(UUID approvalId, UUID organizationId, List<UUID> taskIds, String cancelledBy,
                                String comment, long version) implements DomainEvent {

    public static final EventType<ApprovalCancelled> TYPE =
            new EventType<>("mc.approval.cancelled.v1", Topics.APPROVALS, "approval", ApprovalCancelled.class);

    public ApprovalCancelled {
        taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
    }

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
        return "Approval " + approvalId + " cancelled by " + cancelledBy;
    }
}

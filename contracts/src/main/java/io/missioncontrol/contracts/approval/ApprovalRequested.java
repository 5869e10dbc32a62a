package io.missioncontrol.contracts.approval;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Someone (a person, an agent, or task-service for a gated completion) asked for an approval of {@code action} on the
 * tasks in {@code task_ids}; it is pending until {@code quorum} approvers approve, one rejects, it expires at
 * {@code expires_at} (null: never) or its requester cancels it. task-service marks the tasks' approval as pending.
 * Subject: the approval id; {@code version} is 1.
 */
public record ApprovalRequested(UUID approvalId, UUID organizationId, UUID boardId, List<UUID> taskIds, String action,
                                String reason, int confidence, String requestedBy, int quorum, Instant expiresAt,
                                long version) implements DomainEvent {

    public static final EventType<ApprovalRequested> TYPE =
            new EventType<>("mc.approval.requested.v1", Topics.APPROVALS, "approval", ApprovalRequested.class);

    public ApprovalRequested {
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
        return "Approval requested to " + action.replace('_', ' ') + " by " + requestedBy + " (confidence "
                + confidence + ")";
    }
}

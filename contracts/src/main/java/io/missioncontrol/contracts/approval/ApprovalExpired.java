package io.missioncontrol.contracts.approval;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A pending approval reached its {@code expires_at} undecided. task-service clears the tasks' pending approval; a
 * gated completion then asks again. Subject: the approval id.
 */
public record ApprovalExpired(UUID approvalId, UUID organizationId, List<UUID> taskIds, Instant expiresAt,
                              long version) implements DomainEvent {

    public static final EventType<ApprovalExpired> TYPE =
            new EventType<>("mc.approval.expired.v1", Topics.APPROVALS, "approval", ApprovalExpired.class);

    public ApprovalExpired {
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
        return "Approval " + approvalId + " expired undecided";
    }
}

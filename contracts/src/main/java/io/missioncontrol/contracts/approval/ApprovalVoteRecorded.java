package io.missioncontrol.contracts.approval;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.List;
import java.util.UUID;

/**
 * An approver approved a request that needs more approvers ({@code approvals} of {@code quorum} so far): the request
 * stays pending. The vote that settles a request is {@code mc.approval.decided.v1} instead. For the audit trail and
 * the timeline. Subject: the approval id.
 */
public record ApprovalVoteRecorded(UUID approvalId, UUID organizationId, List<UUID> taskIds, String approver,
                                   String decision, String comment, int approvals, int quorum, long version)
        implements DomainEvent {

    public static final EventType<ApprovalVoteRecorded> TYPE =
            new EventType<>("mc.approval.vote-recorded.v1", Topics.APPROVALS, "approval", ApprovalVoteRecorded.class);

    public ApprovalVoteRecorded {
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
        return "Approval " + approvalId + " " + decision + " by " + approver + " (" + approvals + " of " + quorum + ")";
    }
}

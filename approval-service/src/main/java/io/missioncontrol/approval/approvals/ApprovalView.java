package io.missioncontrol.approval.approvals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An approval as the API shows it, with its history: who requested it, each approver's decision, and how it ended.
 *
 * @param approvals distinct approvers who approved so far
 * @param closedBy  who settled it: the deciding approver, the canceller, or {@code policy}; null while pending or
 *                  after expiry
 */
record ApprovalView(UUID id, UUID organizationId, UUID boardId, List<UUID> taskIds, String action, String reason,
                    int confidence, Map<String, Double> rubricScores, Map<String, Object> metadata, String status,
                    String requestedBy, String requesterType, int quorum, List<String> approverRoles, int approvals,
                    Instant expiresAt, boolean executeOnApproval, String closedBy, String closingComment,
                    Instant closedAt, long version, Instant createdAt, Instant updatedAt, List<Entry> history) {

    /** One line of the audit trail; {@code event} is requested, approved, rejected, expired or cancelled. */
    record Entry(String event, String actor, String actorType, String comment, Instant at) {
    }

    static ApprovalView of(Approval approval) {
        List<Entry> history = new ArrayList<>();
        history.add(new Entry("requested", approval.requestedBy(), approval.requesterType(), approval.reason(),
                approval.createdAt()));
        approval.votes().forEach(vote -> history.add(new Entry(vote.decision().wire(), vote.approver(),
                vote.approverType(), vote.comment(), vote.at())));
        switch (approval.status()) {
            case EXPIRED -> history.add(new Entry("expired", null, "system", null, approval.closedAt()));
            case CANCELLED -> history.add(new Entry("cancelled", approval.closedBy(), approval.requesterType(),
                    approval.closingComment(), approval.closedAt()));
            case REJECTED -> {
                if (Approval.POLICY.equals(approval.closedBy())) {
                    history.add(new Entry("rejected", Approval.POLICY, "system", approval.closingComment(),
                            approval.closedAt()));
                }
            }
            default -> {
            }
        }
        return new ApprovalView(approval.id(), approval.organizationId(), approval.boardId(), approval.taskIds(),
                approval.action(), approval.reason(), approval.confidence(), approval.rubricScores(),
                approval.metadata(), approval.status().wire(), approval.requestedBy(), approval.requesterType(),
                approval.rules().quorum(), approval.rules().roleWords(), approval.approvals(), approval.expiresAt(),
                approval.executeOnApproval(), approval.closedBy(), approval.closingComment(), approval.closedAt(),
                approval.version(), approval.createdAt(), approval.updatedAt(), List.copyOf(history));
    }

    boolean pending() {
        return ApprovalStatus.PENDING.wire().equals(status);
    }
}

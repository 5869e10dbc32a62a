package io.missioncontrol.approval.approvals;

import io.missioncontrol.approval.policies.ApprovalRules;
import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.approval.ApprovalCancelled;
import io.missioncontrol.contracts.approval.ApprovalDecided;
import io.missioncontrol.contracts.approval.ApprovalExpired;
import io.missioncontrol.contracts.approval.ApprovalRequested;
import io.missioncontrol.contracts.approval.ApprovalVoteRecorded;
import io.missioncontrol.platform.web.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * An approval request as a small state machine: pending until {@code quorum} distinct approvers approve, one rejects,
 * its deadline passes or its requester cancels it. Each transition returns the new state with the events it causes;
 * who may decide at all (roles, people only) is checked before, by the service.
 *
 * @param requestedBy   the requester's subject (a person's subject, an agent's id, {@code admin})
 * @param requesterType {@code user}, {@code agent}, {@code admin} or {@code system}
 * @param closedBy      who settled it: the approver whose vote did, the canceller, or {@code policy}
 */
record Approval(UUID id, UUID organizationId, UUID boardId, List<UUID> taskIds, String action, String reason,
                int confidence, Map<String, Double> rubricScores, Map<String, Object> metadata, String requestedBy,
                String requesterType, ApprovalStatus status, ApprovalRules rules, Instant expiresAt,
                boolean executeOnApproval, List<Vote> votes, String closedBy, String closingComment, Instant closedAt,
                long version, Instant createdAt, Instant updatedAt) {

    /** Who settles a request the policy rejects for its low confidence. */
    static final String POLICY = "policy";

    Approval {
        taskIds = List.copyOf(taskIds);
        rubricScores = Map.copyOf(rubricScores);
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        votes = List.copyOf(votes);
    }

    record Transition(Approval approval, List<DomainEvent> events) {
    }

    /** Who asks. */
    record Requester(String subject, String type) {
    }

    /** What is asked; {@code expiresAt} null takes the rules' default. */
    record Request(UUID organizationId, UUID boardId, List<UUID> taskIds, String action, String reason,
                   int confidence, Map<String, Double> rubricScores, Map<String, Object> metadata, Instant expiresAt,
                   boolean executeOnApproval) {
    }

    /**
     * A new pending request, or one rejected at once when the rules reject requests of its confidence (it is still
     * recorded, so the timeline shows what was asked and why it was refused).
     */
    static Transition request(UUID id, Request request, Requester requester, ApprovalRules rules, Instant now) {
        Instant expiresAt = request.expiresAt() != null ? request.expiresAt()
                : rules.expiry() == null ? null : now.plus(rules.expiry());
        var approval = new Approval(id, request.organizationId(), request.boardId(), request.taskIds(),
                request.action(), request.reason(), request.confidence(), request.rubricScores(), request.metadata(),
                requester.subject(), requester.type(), ApprovalStatus.PENDING, rules, expiresAt,
                request.executeOnApproval(), List.of(), null, null, null, 1, now, now);
        List<DomainEvent> events = new ArrayList<>();
        events.add(new ApprovalRequested(id, approval.organizationId(), approval.boardId(), approval.taskIds(),
                approval.action(), approval.reason(), approval.confidence(), approval.requestedBy(), rules.quorum(),
                expiresAt, approval.version()));
        if (rules.autoRejectBelow() != null && request.confidence() < rules.autoRejectBelow()) {
            String comment = "Confidence " + request.confidence() + " is below the policy's threshold of "
                    + rules.autoRejectBelow();
            approval = approval.closed(ApprovalStatus.REJECTED, POLICY, comment, approval.votes(), now);
            events.add(approval.decided());
        }
        return new Transition(approval, events);
    }

    /**
     * An approver's decision. A rejection rejects; an approval approves once {@code quorum} distinct approvers have
     * approved, and is otherwise recorded as a vote. The requester never decides their own request, and nobody
     * decides twice.
     */
    Transition decide(String approver, String approverType, Vote.Decision decision, String comment, Instant now) {
        requireOpen(now);
        if (approver.equals(requestedBy)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "self_approval",
                    "The requester cannot decide their own request; cancel it instead");
        }
        if (votes.stream().anyMatch(vote -> vote.approver().equals(approver))) {
            throw new ApiException(HttpStatus.CONFLICT, "already_voted",
                    "You have already decided on this request; each approver counts once",
                    Map.of("approvals", approvals(), "quorum", rules.quorum()));
        }
        List<Vote> votes = new ArrayList<>(this.votes);
        votes.add(new Vote(approver, approverType, decision, comment, now));
        if (decision == Vote.Decision.REJECTED) {
            Approval rejected = closed(ApprovalStatus.REJECTED, approver, comment, votes, now);
            return new Transition(rejected, List.of(rejected.decided()));
        }
        Approval voted = new Approval(id, organizationId, boardId, taskIds, action, reason, confidence, rubricScores,
                metadata, requestedBy, requesterType, status, rules, expiresAt, executeOnApproval, votes, closedBy,
                closingComment, closedAt, version + 1, createdAt, now);
        if (voted.approvals() >= rules.quorum()) {
            Approval approved = closed(ApprovalStatus.APPROVED, approver, comment, votes, now);
            return new Transition(approved, List.of(approved.decided()));
        }
        return new Transition(voted, List.of(new ApprovalVoteRecorded(id, organizationId, taskIds, approver,
                decision.wire(), comment, voted.approvals(), rules.quorum(), voted.version())));
    }

    /** The requester withdraws the request while it is pending. */
    Transition cancel(String by, String comment, Instant now) {
        requireOpen(now);
        if (!by.equals(requestedBy)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "not_requester", "Only the requester may cancel a request");
        }
        Approval cancelled = closed(ApprovalStatus.CANCELLED, by, comment, votes, now);
        return new Transition(cancelled, List.of(new ApprovalCancelled(id, organizationId, taskIds, by, comment,
                cancelled.version())));
    }

    /** Whether the expiry job should expire it now. */
    boolean isDue(Instant now) {
        return status == ApprovalStatus.PENDING && expiresAt != null && !now.isBefore(expiresAt);
    }

    Transition expire(Instant now) {
        if (!isDue(now)) {
            throw new IllegalStateException("Approval " + id + " is not due");
        }
        Approval expired = closed(ApprovalStatus.EXPIRED, null, null, votes, now);
        return new Transition(expired, List.of(new ApprovalExpired(id, organizationId, taskIds, expiresAt,
                expired.version())));
    }

    /** Distinct approvers who approved. */
    int approvals() {
        return (int) votes.stream().filter(vote -> vote.decision() == Vote.Decision.APPROVED).count();
    }

    /**
     * Decisions need a pending request whose deadline has not passed: a request past its deadline is expired even
     * before the job has marked it so.
     */
    private void requireOpen(Instant now) {
        if (status == ApprovalStatus.PENDING && isDue(now) || status == ApprovalStatus.EXPIRED) {
            throw refusal("approval_expired", "The request expired at " + expiresAt);
        }
        if (status == ApprovalStatus.CANCELLED) {
            throw refusal("approval_cancelled", "The request was cancelled");
        }
        if (status != ApprovalStatus.PENDING) {
            throw refusal("approval_already_decided", "The request was already " + status.wire());
        }
    }

    private ApiException refusal(String code, String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, detail, Map.of("status", status.wire()));
    }

    private Approval closed(ApprovalStatus to, String by, String comment, List<Vote> votes, Instant now) {
        return new Approval(id, organizationId, boardId, taskIds, action, reason, confidence, rubricScores, metadata,
                requestedBy, requesterType, to, rules, expiresAt, executeOnApproval, votes, by, comment, now,
                version + 1, createdAt, now);
    }

    private ApprovalDecided decided() {
        return new ApprovalDecided(id, organizationId, taskIds, status.wire(), closedBy, closingComment, version);
    }
}

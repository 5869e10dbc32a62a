package io.missioncontrol.task.board;

import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.task.tasks.TaskGovernance.Move;
import io.missioncontrol.task.tasks.TaskStatus;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * The governance rules as a pure function: a board's {@link BoardRules}, a move and the facts it needs in, the refusal
 * (409 with a stable code) or nothing out. {@link Governance} loads the facts; this class decides.
 *
 * <p>The order of the checks is part of the contract: who may move (lead) before whether the task may move at all
 * (frozen), before what the move needs (comment, review, approval), so that a client sees the refusal it can act on.
 */
final class BoardPolicy {

    /** Where a task stands with approvals; no record means {@code NONE}. */
    enum Approval {
        NONE, PENDING, APPROVED, REJECTED;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Approval fromWire(String value) {
            return value == null ? NONE : valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** Who moves the task: an agent (its id), or a person or the admin token (whether admin or above). */
    record Actor(UUID agentId, boolean adminOrAbove) {
    }

    /**
     * @param comments    how many comments the task has (0 for a task being created)
     * @param otherAgents the distinct agents assigned to the board's other tasks
     */
    record Facts(Actor actor, long comments, Approval approval, Set<UUID> otherAgents) {
    }

    static Optional<ApiException> refusal(BoardRules rules, Move move, Facts facts) {
        if (move.changesStatus()) {
            TaskStatus to = move.to();
            if (rules.onlyLeadCanChangeStatus() && !facts.actor().adminOrAbove()
                    && (facts.actor().agentId() == null || !facts.actor().agentId().equals(rules.leadAgentId()))) {
                return refuse("lead_only", "Only the board's lead agent or an admin may change the status of its tasks",
                        rules.leadAgentId() == null ? Map.of() : Map.of("lead_agent_id", rules.leadAgentId()));
            }
            if (rules.blockStatusChangesWithPendingApproval() && facts.approval() == Approval.PENDING) {
                return refuse("status_frozen_pending_approval",
                        "The task's status is frozen while an approval for it is pending", Map.of());
            }
            if (to == TaskStatus.REVIEW && rules.commentRequiredForReview() && facts.comments() == 0) {
                return refuse("comment_required", "The task needs at least one comment before it goes to review",
                        Map.of());
            }
            if (to == TaskStatus.DONE && rules.requireReviewBeforeDone() && move.from() != TaskStatus.REVIEW) {
                return refuse("review_required", "The task must be in review before it is done",
                        Map.of("from", move.from() == null ? "new" : move.from().wire()));
            }
            if (to == TaskStatus.DONE && rules.requireApprovalForDone() && facts.approval() != Approval.APPROVED) {
                return refuse("approval_required",
                        "Completing this task needs an approved approval; its approval state is "
                                + facts.approval().wire(),
                        Map.of("approval_state", facts.approval().wire()));
            }
        }
        if (move.changesAgent() && rules.maxAgents() != null && !facts.otherAgents().contains(move.agentAfter())
                && facts.otherAgents().size() + 1 > rules.maxAgents()) {
            return refuse("max_agents_reached", "The board allows at most " + rules.maxAgents()
                    + " distinct assigned agents, and has that many already", Map.of("max_agents", rules.maxAgents()));
        }
        return Optional.empty();
    }

    private static Optional<ApiException> refuse(String code, String detail, Map<String, Object> properties) {
        return Optional.of(new ApiException(HttpStatus.CONFLICT, code, detail, properties));
    }

    private BoardPolicy() {
    }
}

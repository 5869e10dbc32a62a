package io.missioncontrol.task.board;

import java.util.UUID;

/**
 * A board's governance flags: how tasks on it may move (docs/task-lifecycle.md, "Governance"). All off, no lead and no
 * agent limit is an ungoverned board, and the default.
 *
 * @param leadAgentId the agent that may change statuses when {@code onlyLeadCanChangeStatus} (besides human admins)
 * @param maxAgents   how many distinct agents tasks on the board may be assigned to, or null for no limit
 */
public record BoardRules(boolean requireApprovalForDone, boolean requireReviewBeforeDone,
                         boolean commentRequiredForReview, boolean blockStatusChangesWithPendingApproval,
                         boolean onlyLeadCanChangeStatus, UUID leadAgentId, Integer maxAgents) {

    public static final BoardRules NONE = new BoardRules(false, false, false, false, false, null, null);

    /** Whether any rule applies at all: an ungoverned board costs a task change no query. */
    boolean governs() {
        return !equals(new BoardRules(false, false, false, false, false, leadAgentId, null));
    }
}

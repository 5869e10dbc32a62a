package io.missioncontrol.task.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.task.board.BoardPolicy.Actor;
import io.missioncontrol.task.board.BoardPolicy.Approval;
import io.missioncontrol.task.board.BoardPolicy.Facts;
import io.missioncontrol.task.tasks.TaskGovernance.Move;
import io.missioncontrol.task.tasks.TaskStatus;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BoardPolicyTest {

    private static final UUID TASK = UUID.randomUUID();
    private static final UUID LEAD = UUID.randomUUID();
    private static final Actor ADMIN = new Actor(null, true);
    private static final Actor MEMBER = new Actor(null, false);

    @Test
    void anUngovernedBoardAllowsEverything() {
        assertThat(BoardRules.NONE.governs()).isFalse();
        assertThat(decide(BoardRules.NONE, move(TaskStatus.REVIEW, TaskStatus.DONE), facts(MEMBER, 0, Approval.NONE)))
                .isEmpty();
    }

    @Test
    void onlyTheLeadAgentOrAnAdminMayChangeStatusWhenTheBoardSaysSo() {
        BoardRules rules = new BoardRules(false, false, false, false, true, LEAD, null);
        Move move = move(TaskStatus.TODO, TaskStatus.IN_PROGRESS);
        assertThat(code(rules, move, facts(MEMBER, 0, Approval.NONE))).isEqualTo("lead_only");
        assertThat(code(rules, move, facts(new Actor(UUID.randomUUID(), false), 0, Approval.NONE)))
                .isEqualTo("lead_only");
        assertThat(decide(rules, move, facts(new Actor(LEAD, false), 0, Approval.NONE))).isEmpty();
        assertThat(decide(rules, move, facts(ADMIN, 0, Approval.NONE))).isEmpty();
        // Creating a task in todo sets no status; creating it further along does.
        assertThat(decide(rules, move(null, TaskStatus.TODO), facts(MEMBER, 0, Approval.NONE))).isEmpty();
        assertThat(code(rules, move(null, TaskStatus.IN_PROGRESS), facts(MEMBER, 0, Approval.NONE)))
                .isEqualTo("lead_only");
    }

    @Test
    void aPendingApprovalFreezesTheStatusWhenTheBoardSaysSo() {
        BoardRules rules = new BoardRules(true, false, false, true, false, null, null);
        assertThat(code(rules, move(TaskStatus.REVIEW, TaskStatus.IN_PROGRESS), facts(ADMIN, 0, Approval.PENDING)))
                .isEqualTo("status_frozen_pending_approval");
        assertThat(decide(rules, move(TaskStatus.REVIEW, TaskStatus.IN_PROGRESS), facts(ADMIN, 0, Approval.NONE)))
                .isEmpty();
    }

    @Test
    void reviewNeedsACommentWhenTheBoardSaysSo() {
        BoardRules rules = new BoardRules(false, false, true, false, false, null, null);
        assertThat(code(rules, move(TaskStatus.IN_PROGRESS, TaskStatus.REVIEW), facts(ADMIN, 0, Approval.NONE)))
                .isEqualTo("comment_required");
        assertThat(decide(rules, move(TaskStatus.IN_PROGRESS, TaskStatus.REVIEW), facts(ADMIN, 1, Approval.NONE)))
                .isEmpty();
    }

    @Test
    void doneNeedsReviewFirstEvenForANewTask() {
        BoardRules rules = new BoardRules(false, true, false, false, false, null, null);
        assertThat(code(rules, move(null, TaskStatus.DONE), facts(ADMIN, 0, Approval.NONE)))
                .isEqualTo("review_required");
        assertThat(decide(rules, move(TaskStatus.REVIEW, TaskStatus.DONE), facts(ADMIN, 0, Approval.NONE))).isEmpty();
    }

    @Test
    void doneNeedsAnApprovedApprovalWhenTheBoardSaysSo() {
        BoardRules rules = new BoardRules(true, false, false, false, false, null, null);
        Move done = move(TaskStatus.REVIEW, TaskStatus.DONE);
        assertThat(code(rules, done, facts(ADMIN, 0, Approval.NONE))).isEqualTo("approval_required");
        assertThat(code(rules, done, facts(ADMIN, 0, Approval.PENDING))).isEqualTo("approval_required");
        assertThat(code(rules, done, facts(ADMIN, 0, Approval.REJECTED))).isEqualTo("approval_required");
        assertThat(decide(rules, done, facts(ADMIN, 0, Approval.APPROVED))).isEmpty();
    }

    @Test
    void assignmentsStayWithinTheBoardsAgentLimit() {
        BoardRules rules = new BoardRules(false, false, false, false, false, null, 2);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        Move toC = new Move(TASK, UUID.randomUUID(), UUID.randomUUID(), TaskStatus.TODO, TaskStatus.TODO, null, c);
        Move toA = new Move(TASK, UUID.randomUUID(), UUID.randomUUID(), TaskStatus.TODO, TaskStatus.TODO, null, a);
        assertThat(code(rules, toC, new Facts(ADMIN, 0, Approval.NONE, Set.of(a, b)))).isEqualTo("max_agents_reached");
        assertThat(decide(rules, toA, new Facts(ADMIN, 0, Approval.NONE, Set.of(a, b)))).isEmpty();
        assertThat(decide(rules, toC, new Facts(ADMIN, 0, Approval.NONE, Set.of(a)))).isEmpty();
    }

    @Test
    void whoMayMoveIsCheckedBeforeWhatTheMoveNeeds() {
        BoardRules rules = new BoardRules(true, true, true, true, true, LEAD, null);
        assertThat(code(rules, move(TaskStatus.REVIEW, TaskStatus.DONE), facts(MEMBER, 0, Approval.PENDING)))
                .isEqualTo("lead_only");
        assertThat(code(rules, move(TaskStatus.REVIEW, TaskStatus.DONE), facts(ADMIN, 0, Approval.PENDING)))
                .isEqualTo("status_frozen_pending_approval");
    }

    private static Move move(TaskStatus from, TaskStatus to) {
        return new Move(from == null ? null : TASK, UUID.randomUUID(), UUID.randomUUID(), from, to, null, null);
    }

    private static Facts facts(Actor actor, long comments, Approval approval) {
        return new Facts(actor, comments, approval, Set.of());
    }

    private static Optional<ApiException> decide(BoardRules rules, Move move, Facts facts) {
        return BoardPolicy.refusal(rules, move, facts);
    }

    private static String code(BoardRules rules, Move move, Facts facts) {
        return decide(rules, move, facts).map(ApiException::code).orElse("allowed");
    }
}

package io.missioncontrol.approval.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.approval.policies.ApprovalRules;
import io.missioncontrol.contracts.approval.ApprovalCancelled;
import io.missioncontrol.contracts.approval.ApprovalDecided;
import io.missioncontrol.contracts.approval.ApprovalExpired;
import io.missioncontrol.contracts.approval.ApprovalRequested;
import io.missioncontrol.contracts.approval.ApprovalVoteRecorded;
import io.missioncontrol.platform.tenancy.Role;
import io.missioncontrol.platform.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApprovalTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final Approval.Requester ROBOT = new Approval.Requester("robot-1", "agent");

    private static ApprovalRules quorum(int quorum) {
        return new ApprovalRules(null, quorum, Set.of(Role.ADMIN, Role.OWNER), null, null);
    }

    private static Approval.Request deploy(int confidence, Instant expiresAt) {
        return new Approval.Request(UUID.randomUUID(), UUID.randomUUID(), List.of(UUID.randomUUID()),
                "deploy_to_production", "Staging is green", confidence, Map.of("tests", 0.9), Map.of("build", 42),
                expiresAt, false);
    }

    private static Approval pending(int quorum) {
        return Approval.request(UUID.randomUUID(), deploy(90, null), ROBOT, quorum(quorum), NOW).approval();
    }

    private static String code(Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            return e.code();
        }
        throw new AssertionError("no refusal");
    }

    @Test
    void requestsArePendingAndAnnounced() {
        var transition = Approval.request(UUID.randomUUID(), deploy(90, null), ROBOT, quorum(2), NOW);

        assertThat(transition.approval().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(transition.approval().version()).isEqualTo(1);
        assertThat(transition.events()).singleElement().isInstanceOfSatisfying(ApprovalRequested.class, requested -> {
            assertThat(requested.quorum()).isEqualTo(2);
            assertThat(requested.requestedBy()).isEqualTo("robot-1");
        });
    }

    @Test
    void rejectsSelfApproval() {
        Approval approval = pending(1);

        assertThat(code(() -> approval.decide("robot-1", "user", Vote.Decision.APPROVED, null, NOW)))
                .isEqualTo("self_approval");
    }

    @Test
    void countsEachApproverOnce() {
        Approval once = pending(2).decide("carol", "user", Vote.Decision.APPROVED, "ok", NOW).approval();

        assertThat(code(() -> once.decide("carol", "user", Vote.Decision.APPROVED, "really", NOW)))
                .isEqualTo("already_voted");
        assertThat(once.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(once.approvals()).isEqualTo(1);
    }

    @Test
    void approvesOnceTheQuorumIsReached() {
        var first = pending(2).decide("carol", "user", Vote.Decision.APPROVED, "ok", NOW);
        var second = first.approval().decide("dave", "user", Vote.Decision.APPROVED, "fine", NOW.plusSeconds(1));

        assertThat(first.approval().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(first.events()).singleElement().isInstanceOf(ApprovalVoteRecorded.class);
        assertThat(second.approval().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(second.approval().closedBy()).isEqualTo("dave");
        assertThat(second.approval().version()).isEqualTo(3);
        assertThat(second.events()).singleElement().isInstanceOfSatisfying(ApprovalDecided.class, decided -> {
            assertThat(decided.status()).isEqualTo("approved");
            assertThat(decided.decidedBy()).isEqualTo("dave");
            assertThat(decided.version()).isEqualTo(3);
        });
    }

    @Test
    void oneRejectionRejects() {
        var rejected = pending(3).decide("carol", "user", Vote.Decision.APPROVED, null, NOW).approval()
                .decide("dave", "user", Vote.Decision.REJECTED, "not today", NOW);

        assertThat(rejected.approval().status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(rejected.events()).singleElement().isInstanceOfSatisfying(ApprovalDecided.class,
                decided -> assertThat(decided.comment()).isEqualTo("not today"));
    }

    @Test
    void refusesDecisionsOnSettledRequests() {
        Approval approved = pending(1).decide("carol", "user", Vote.Decision.APPROVED, null, NOW).approval();
        Approval cancelled = pending(1).cancel("robot-1", null, NOW).approval();
        Approval expired = Approval.request(UUID.randomUUID(), deploy(90, NOW.plusSeconds(5)), ROBOT, quorum(1), NOW)
                .approval().expire(NOW.plusSeconds(5)).approval();

        assertThat(code(() -> approved.decide("dave", "user", Vote.Decision.REJECTED, null, NOW)))
                .isEqualTo("approval_already_decided");
        assertThat(code(() -> cancelled.decide("dave", "user", Vote.Decision.APPROVED, null, NOW)))
                .isEqualTo("approval_cancelled");
        assertThat(code(() -> expired.decide("dave", "user", Vote.Decision.APPROVED, null, NOW)))
                .isEqualTo("approval_expired");
        assertThat(code(() -> approved.cancel("robot-1", null, NOW))).isEqualTo("approval_already_decided");
    }

    @Test
    void treatsARequestPastItsDeadlineAsExpiredBeforeTheJobRuns() {
        Approval approval = Approval.request(UUID.randomUUID(), deploy(90, NOW.plusSeconds(5)), ROBOT, quorum(1), NOW)
                .approval();

        assertThat(code(() -> approval.decide("carol", "user", Vote.Decision.APPROVED, null, NOW.plusSeconds(5))))
                .isEqualTo("approval_expired");
        assertThat(approval.decide("carol", "user", Vote.Decision.APPROVED, null, NOW.plusSeconds(4)).approval()
                .status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void onlyTheRequesterCancels() {
        Approval approval = pending(1);

        assertThat(code(() -> approval.cancel("carol", null, NOW))).isEqualTo("not_requester");
        var cancelled = approval.cancel("robot-1", "superseded", NOW);
        assertThat(cancelled.approval().status()).isEqualTo(ApprovalStatus.CANCELLED);
        assertThat(cancelled.events()).singleElement().isInstanceOf(ApprovalCancelled.class);
    }

    @Test
    void rejectsLowConfidenceAtOnceWhenThePolicySaysSo() {
        var rules = new ApprovalRules(UUID.randomUUID(), 1, Set.of(Role.ADMIN), null, 50);

        var low = Approval.request(UUID.randomUUID(), deploy(49, null), ROBOT, rules, NOW);
        var enough = Approval.request(UUID.randomUUID(), deploy(50, null), ROBOT, rules, NOW);

        assertThat(low.approval().status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(low.approval().closedBy()).isEqualTo(Approval.POLICY);
        assertThat(low.events()).hasSize(2).last().isInstanceOf(ApprovalDecided.class);
        assertThat(enough.approval().status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void expiresOnlyWhenDue() {
        Approval approval = Approval.request(UUID.randomUUID(), deploy(90, NOW.plusSeconds(5)), ROBOT, quorum(1), NOW)
                .approval();

        assertThat(approval.isDue(NOW.plusSeconds(4))).isFalse();
        assertThatThrownBy(() -> approval.expire(NOW.plusSeconds(4))).isInstanceOf(IllegalStateException.class);
        var expired = approval.expire(NOW.plusSeconds(5));
        assertThat(expired.approval().status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(expired.events()).singleElement().isInstanceOf(ApprovalExpired.class);
        assertThat(pending(1).isDue(NOW.plus(Duration.ofDays(3650)))).isFalse();
    }

    @Test
    void takesThePolicyDeadlineWhenTheRequestNamesNone() {
        var rules = new ApprovalRules(UUID.randomUUID(), 1, Set.of(Role.ADMIN), Duration.ofHours(1), null);

        Approval approval = Approval.request(UUID.randomUUID(), deploy(90, null), ROBOT, rules, NOW).approval();

        assertThat(approval.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void showsTheWholeHistory() {
        Approval approval = pending(2).decide("carol", "user", Vote.Decision.APPROVED, "ok", NOW).approval()
                .decide("dave", "user", Vote.Decision.REJECTED, "no", NOW).approval();

        assertThat(ApprovalView.of(approval).history()).extracting(ApprovalView.Entry::event, ApprovalView.Entry::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("requested", "robot-1"),
                        org.assertj.core.groups.Tuple.tuple("approved", "carol"),
                        org.assertj.core.groups.Tuple.tuple("rejected", "dave"));
    }
}

package io.missioncontrol.approval.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PolicyTest {

    private static final UUID ORGANIZATION = UUID.randomUUID();
    private static final UUID BOARD = UUID.randomUUID();

    private static Policy policy(UUID board, String pattern, int quorum) {
        return new Policy(UUID.randomUUID(), ORGANIZATION, board, pattern, quorum, List.of("admin"), null, null, 1,
                Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void matchesActionPatterns() {
        assertThat(ActionPattern.matches("deploy_*", "deploy_to_production")).isTrue();
        assertThat(ActionPattern.matches("deploy_*", "redeploy_all")).isFalse();
        assertThat(ActionPattern.matches("*.prod", "db.migrate.prod")).isTrue();
        assertThat(ActionPattern.matches("complete_task", "complete_task")).isTrue();
        assertThat(ActionPattern.matches("complete_task", "complete_tasks")).isFalse();
        assertThat(ActionPattern.matches(null, "anything")).isTrue();
    }

    @Test
    void theMostSpecificPolicyGoverns() {
        Policy organization = policy(null, null, 1);
        Policy deploys = policy(null, "deploy_*", 2);
        Policy production = policy(null, "deploy_to_production", 3);
        Policy board = policy(BOARD, null, 4);
        var all = List.of(organization, deploys, production, board);

        assertThat(Policy.governing(all, UUID.randomUUID(), "deploy_to_production")).contains(production);
        assertThat(Policy.governing(all, UUID.randomUUID(), "deploy_to_staging")).contains(deploys);
        assertThat(Policy.governing(all, UUID.randomUUID(), "complete_task")).contains(organization);
        assertThat(Policy.governing(all, BOARD, "deploy_to_production")).contains(board);
        assertThat(Policy.governing(List.of(deploys), UUID.randomUUID(), "complete_task")).isEmpty();
    }

    @Test
    void withoutAPolicyOneAdminOrOwnerDecides() {
        assertThat(ApprovalRules.DEFAULT.quorum()).isEqualTo(1);
        assertThat(ApprovalRules.DEFAULT.roleWords()).containsExactly("owner", "admin");
    }
}

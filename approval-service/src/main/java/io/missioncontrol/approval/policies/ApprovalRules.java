package io.missioncontrol.approval.policies;

import io.missioncontrol.platform.tenancy.Role;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The rules a request is decided by, as its policy said when it was made.
 *
 * @param policyId        the policy they come from, or null for the default
 * @param quorum          distinct approvers needed
 * @param approverRoles   the roles that may decide
 * @param expiry          how long a request stays open unless it names its own deadline; null: no deadline
 * @param autoRejectBelow requests with a lower confidence are rejected at once; null: none are
 */
public record ApprovalRules(UUID policyId, int quorum, Set<Role> approverRoles, Duration expiry,
                            Integer autoRejectBelow) {

    /** Without a policy: one approver, an admin or an owner. */
    public static final ApprovalRules DEFAULT = new ApprovalRules(null, 1, Set.of(Role.ADMIN, Role.OWNER), null, null);

    public ApprovalRules {
        approverRoles = Set.copyOf(approverRoles);
    }

    /** The roles as words, highest first: how they are stored and shown. */
    public List<String> roleWords() {
        return approverRoles.stream().sorted((a, b) -> b.compareTo(a)).map(Role::wire).toList();
    }
}

package io.missioncontrol.approval.policies;

import io.missioncontrol.platform.tenancy.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** An organization's approval policy, optionally narrowed to a board and an action pattern; also its API shape. */
record Policy(UUID id, UUID organizationId, UUID boardId, String actionPattern, int quorum, List<String> approverRoles,
              Long expirySeconds, Integer autoRejectBelow, long version, Instant createdAt, Instant updatedAt) {

    boolean appliesTo(UUID board, String action) {
        return (boardId == null || boardId.equals(board)) && ActionPattern.matches(actionPattern, action);
    }

    /** The one policy that governs a request: a board's before the organization's, then the most specific pattern. */
    static Optional<Policy> governing(List<Policy> policies, UUID board, String action) {
        return policies.stream()
                .filter(policy -> policy.appliesTo(board, action))
                .max(Comparator.<Policy>comparingInt(policy -> policy.boardId() == null ? 0 : 1)
                        .thenComparingInt(policy -> ActionPattern.specificity(policy.actionPattern())));
    }

    ApprovalRules rules() {
        return new ApprovalRules(id, quorum, approverRoles.stream().map(Role::fromWire).collect(Collectors.toSet()),
                expirySeconds == null ? null : Duration.ofSeconds(expirySeconds), autoRejectBelow);
    }
}

package io.missioncontrol.contracts.approval;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.List;
import java.util.UUID;

/**
 * An approval policy was created or changed (the data is its whole new state). {@code board_id} and
 * {@code action_pattern} narrow it (null: any); {@code expiry_seconds} null means requests under it never expire by
 * default; {@code auto_reject_below} null means no confidence threshold. Subject: the policy id.
 */
public record ApprovalPolicySet(UUID policyId, UUID organizationId, UUID boardId, String actionPattern, int quorum,
                                List<String> approverRoles, Long expirySeconds, Integer autoRejectBelow, long version)
        implements DomainEvent {

    public static final EventType<ApprovalPolicySet> TYPE =
            new EventType<>("mc.approval-policy.set.v1", Topics.APPROVALS, "approval_policy", ApprovalPolicySet.class);

    public ApprovalPolicySet {
        approverRoles = approverRoles == null ? List.of() : List.copyOf(approverRoles);
    }

    @Override
    public EventType<?> eventType() {
        return TYPE;
    }

    @Override
    public UUID subject() {
        return policyId;
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
        return "Approval policy " + policyId + " set: " + quorum + " of " + String.join("/", approverRoles)
                + (actionPattern == null ? "" : " for " + actionPattern);
    }
}

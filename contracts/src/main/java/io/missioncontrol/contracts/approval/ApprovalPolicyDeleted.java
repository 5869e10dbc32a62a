package io.missioncontrol.contracts.approval;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.UUID;

/** An approval policy was deleted; requests made under it keep the rules they were made with. Subject: the policy id. */
public record ApprovalPolicyDeleted(UUID policyId, UUID organizationId, long version) implements DomainEvent {

    public static final EventType<ApprovalPolicyDeleted> TYPE = new EventType<>("mc.approval-policy.deleted.v1",
            Topics.APPROVALS, "approval_policy", ApprovalPolicyDeleted.class);

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
        return "Approval policy " + policyId + " deleted";
    }
}

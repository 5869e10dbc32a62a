package io.missioncontrol.contracts;

import io.missioncontrol.contracts.approval.ApprovalCancelled;
import io.missioncontrol.contracts.approval.ApprovalDecided;
import io.missioncontrol.contracts.approval.ApprovalExpired;
import io.missioncontrol.contracts.approval.ApprovalPolicyDeleted;
import io.missioncontrol.contracts.approval.ApprovalPolicySet;
import io.missioncontrol.contracts.approval.ApprovalRequested;
import io.missioncontrol.contracts.approval.ApprovalVoteRecorded;
import io.missioncontrol.contracts.board.BoardArchived;
import io.missioncontrol.contracts.agent.AgentRegistered;
import io.missioncontrol.contracts.agent.AgentRetired;
import io.missioncontrol.contracts.agent.AgentStatusChanged;
import io.missioncontrol.contracts.agent.AgentUpdated;
import io.missioncontrol.contracts.agent.AgentWentOffline;
import io.missioncontrol.contracts.agent.AgentWentOnline;
import io.missioncontrol.contracts.credential.AgentKeyIssued;
import io.missioncontrol.contracts.credential.AgentKeyRevoked;
import io.missioncontrol.contracts.execution.TaskExecutionDispatched;
import io.missioncontrol.contracts.execution.TaskExecutionFailed;
import io.missioncontrol.contracts.execution.TaskExecutionRequested;
import io.missioncontrol.contracts.runtime.RuntimeHealthChanged;
import io.missioncontrol.contracts.runtime.RuntimeRegistered;
import io.missioncontrol.contracts.runtime.RuntimeRemoved;
import io.missioncontrol.contracts.runtime.RuntimeUpdated;
import io.missioncontrol.contracts.board.BoardCreated;
import io.missioncontrol.contracts.board.BoardDeleted;
import io.missioncontrol.contracts.board.BoardGroupArchived;
import io.missioncontrol.contracts.board.BoardGroupCreated;
import io.missioncontrol.contracts.board.BoardUpdated;
import io.missioncontrol.contracts.budget.BudgetCreated;
import io.missioncontrol.contracts.budget.BudgetDeleted;
import io.missioncontrol.contracts.budget.BudgetExceeded;
import io.missioncontrol.contracts.budget.BudgetUpdated;
import io.missioncontrol.contracts.budget.BudgetWarning;
import io.missioncontrol.contracts.board.BoardGroupDeleted;
import io.missioncontrol.contracts.board.BoardGroupUpdated;
import io.missioncontrol.contracts.tag.TagCreated;
import io.missioncontrol.contracts.tag.TagDeleted;
import io.missioncontrol.contracts.tag.TagUpdated;
import io.missioncontrol.contracts.organization.MembershipAdded;
import io.missioncontrol.contracts.organization.MembershipBound;
import io.missioncontrol.contracts.organization.MembershipRemoved;
import io.missioncontrol.contracts.organization.MembershipRoleChanged;
import io.missioncontrol.contracts.organization.OrganizationCreated;
import io.missioncontrol.contracts.organization.OrganizationDeleted;
import io.missioncontrol.contracts.organization.OrganizationUpdated;
import io.missioncontrol.contracts.task.TaskApprovalRequested;
import io.missioncontrol.contracts.task.TaskAssigned;
import io.missioncontrol.contracts.task.TaskCommented;
import io.missioncontrol.contracts.task.TaskCreated;
import io.missioncontrol.contracts.task.TaskDeleted;
import io.missioncontrol.contracts.task.TaskDependencyAdded;
import io.missioncontrol.contracts.task.TaskTagsChanged;
import io.missioncontrol.contracts.task.TaskDependencyRemoved;
import io.missioncontrol.contracts.task.TaskMentioned;
import io.missioncontrol.contracts.task.TaskStatusChanged;
import io.missioncontrol.contracts.task.TaskUpdated;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every published event type; docs/events.md documents each one. A type missing here cannot be decoded. */
public final class EventCatalog {

    public static final List<EventType<?>> ALL = List.of(
            OrganizationCreated.TYPE,
            OrganizationUpdated.TYPE,
            OrganizationDeleted.TYPE,
            MembershipAdded.TYPE,
            MembershipRoleChanged.TYPE,
            MembershipRemoved.TYPE,
            MembershipBound.TYPE,
            BoardGroupCreated.TYPE,
            BoardGroupUpdated.TYPE,
            BoardGroupArchived.TYPE,
            BoardGroupDeleted.TYPE,
            BoardCreated.TYPE,
            BoardUpdated.TYPE,
            BoardArchived.TYPE,
            BoardDeleted.TYPE,
            TaskCreated.TYPE,
            TaskUpdated.TYPE,
            TaskStatusChanged.TYPE,
            TaskAssigned.TYPE,
            TaskDependencyAdded.TYPE,
            TaskDependencyRemoved.TYPE,
            TaskDeleted.TYPE,
            TaskCommented.TYPE,
            TaskMentioned.TYPE,
            TaskApprovalRequested.TYPE,
            ApprovalRequested.TYPE,
            ApprovalVoteRecorded.TYPE,
            ApprovalDecided.TYPE,
            ApprovalExpired.TYPE,
            ApprovalCancelled.TYPE,
            ApprovalPolicySet.TYPE,
            ApprovalPolicyDeleted.TYPE,
            TaskTagsChanged.TYPE,
            TagCreated.TYPE,
            TagUpdated.TYPE,
            TagDeleted.TYPE,
            AgentRegistered.TYPE,
            AgentUpdated.TYPE,
            AgentStatusChanged.TYPE,
            AgentRetired.TYPE,
            AgentWentOnline.TYPE,
            AgentWentOffline.TYPE,
            AgentKeyIssued.TYPE,
            AgentKeyRevoked.TYPE,
            TaskExecutionRequested.TYPE,
            TaskExecutionDispatched.TYPE,
            TaskExecutionFailed.TYPE,
            BudgetCreated.TYPE,
            BudgetUpdated.TYPE,
            BudgetDeleted.TYPE,
            BudgetWarning.TYPE,
            BudgetExceeded.TYPE,
            RuntimeRegistered.TYPE,
            RuntimeUpdated.TYPE,
            RuntimeRemoved.TYPE,
            RuntimeHealthChanged.TYPE);

    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

    public static Optional<EventType<?>> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private EventCatalog() {
    }
}

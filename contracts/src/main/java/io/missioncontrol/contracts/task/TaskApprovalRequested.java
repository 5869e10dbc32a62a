package io.missioncontrol.contracts.task;

import io.missioncontrol.contracts.BoardScoped;
import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.List;
import java.util.UUID;

/**
 * A governed action on a task needs an approval the task does not have yet (for now only {@code complete_task}, on a
 * board that requires approval for done). Published once per pending need, not per refused attempt; the approval
 * service answers with {@code mc.approval.decided.v1}. {@code version} is the task's, unchanged.
 */
public record TaskApprovalRequested(UUID taskId, UUID boardId, UUID organizationId, String title, String requestedBy,
                                    String action, long version) implements DomainEvent, BoardScoped {

    public static final EventType<TaskApprovalRequested> TYPE =
            new EventType<>("mc.task.approval-requested.v1", Topics.TASKS, "task", TaskApprovalRequested.class);

    @Override
    public EventType<?> eventType() {
        return TYPE;
    }

    @Override
    public UUID subject() {
        return taskId;
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
        return "Approval requested to " + action.replace('_', ' ') + " \"" + title + "\"";
    }
}

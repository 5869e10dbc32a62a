package io.missioncontrol.contracts.task;

import io.missioncontrol.contracts.BoardScoped;
import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.List;
import java.util.UUID;

/**
 * The set of tags on a task changed. {@code tags} is the whole set afterwards, so a consumer needs no earlier event to
 * know it; {@code added} and {@code removed} say what this step did.
 */
public record TaskTagsChanged(UUID taskId, UUID boardId, UUID organizationId, String title, List<UUID> tags,
                              List<UUID> added, List<UUID> removed, long version) implements DomainEvent, BoardScoped {

    public static final EventType<TaskTagsChanged> TYPE =
            new EventType<>("mc.task.tags-changed.v1", Topics.TASKS, "task", TaskTagsChanged.class);

    public TaskTagsChanged {
        tags = List.copyOf(tags);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

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
        return "Tags of task \"" + title + "\" changed (" + added.size() + " added, " + removed.size() + " removed)";
    }
}

package io.missioncontrol.task.tasks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * What a task list is narrowed to; every field but the organization is optional.
 *
 * @param text words to find in the title or description (case-insensitive substring)
 * @param tags tags every listed task carries (all of them, not any)
 */
record TaskFilter(UUID organizationId, UUID boardId, TaskStatus status, TaskPriority priority, UUID assignedAgentId,
                  String text, List<UUID> tags) {

    TaskFilter {
        tags = tags == null ? List.of() : List.copyOf(new LinkedHashSet<>(tags));
    }

    static final int TEXT_MAX = 200;

    static TaskFilter board(UUID organizationId, UUID boardId) {
        return new TaskFilter(organizationId, boardId, null, null, null, null, List.of());
    }

    /**
     * The text as an ILIKE pattern that matches it literally: {@code 50%} finds "50%", not "50 anything". A substring
     * match rather than full-text search, because people search a board for fragments ("rot" for "rotate") and
     * names full-text stemming mangles; one organization's tasks are few enough to scan after its index narrowed them.
     */
    String textPattern() {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}

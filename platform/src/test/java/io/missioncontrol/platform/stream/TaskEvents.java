package io.missioncontrol.platform.stream;

import io.missioncontrol.contracts.BoardScoped;
import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.task.TaskCreated;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventEnvelope;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;

/** Task events as the stream decodes them, for the stream's unit tests. */
final class TaskEvents {

    static final TopicPartition P0 = new TopicPartition("mc.tasks", 0);
    static final TopicPartition P1 = new TopicPartition("mc.tasks", 1);
    static final UUID ORGANIZATION = UUID.randomUUID();

    private TaskEvents() {
    }

    static EventEnvelope<DomainEvent> created(UUID boardId, String title) {
        UUID taskId = UUID.randomUUID();
        DomainEvent data = new TaskCreated(taskId, boardId, ORGANIZATION, title, null, "todo", "medium", null, 0);
        return new EventEnvelope<>(UUID.randomUUID(), TaskCreated.TYPE.name(), "mission-control/task-service",
                taskId.toString(), OffsetDateTime.now(ZoneOffset.UTC), ORGANIZATION, new Actor("admin", "admin"), 0,
                data);
    }

    static Predicate<EventEnvelope<DomainEvent>> onBoard(UUID boardId) {
        return event -> event.data() instanceof BoardScoped scoped && scoped.boardId().equals(boardId);
    }

    static String title(EventEnvelope<DomainEvent> event) {
        return ((TaskCreated) event.data()).title();
    }
}

package io.missioncontrol.approval.tasks;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.task.TaskAssigned;
import io.missioncontrol.contracts.task.TaskCreated;
import io.missioncontrol.contracts.task.TaskDeleted;
import io.missioncontrol.contracts.task.TaskStatusChanged;
import io.missioncontrol.contracts.task.TaskUpdated;
import io.r2dbc.spi.Row;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code known_task} read model: written from {@code mc.tasks}, read to check that the tasks of a request exist
 * in the caller's organization, to filter approvals by board, and to name a task's agent for execution requests.
 */
@Component
public class KnownTasks {

    private final DatabaseClient db;
    private final Clock clock;

    KnownTasks(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The tasks that exist (not deleted) among the ids, in any organization: the caller's access is checked apart. */
    public Flux<KnownTask> live(Collection<UUID> ids) {
        return db.sql("SELECT * FROM known_task WHERE id = ANY(:ids) AND NOT deleted")
                .bind("ids", ids.toArray(UUID[]::new))
                .map((row, meta) -> from(row))
                .all();
    }

    private static KnownTask from(Row row) {
        return new KnownTask(row.get("id", UUID.class), row.get("organization_id", UUID.class),
                row.get("board_id", UUID.class), row.get("title", String.class), row.get("status", String.class),
                row.get("assigned_agent_id", UUID.class), Boolean.TRUE.equals(row.get("deleted", Boolean.class)),
                row.get("version", Long.class));
    }

    /**
     * Applies a task event: only the columns the event carries change, and only when the event is newer than what the
     * row holds (events arrive again, and a read model built late starts from the topic's beginning). Other task
     * events change nothing here.
     */
    Mono<Void> apply(DomainEvent event) {
        if (event instanceof TaskCreated created) {
            Map<String, Object> columns = new LinkedHashMap<>();
            columns.put("title", created.title());
            columns.put("status", created.status());
            columns.put("assigned_agent_id", created.assignedAgentId());
            return upsert(created.taskId(), created.organizationId(), created.boardId(), created.version(), columns);
        }
        if (event instanceof TaskUpdated updated) {
            return upsert(updated.taskId(), updated.organizationId(), updated.boardId(), updated.version(),
                    Map.of("title", updated.title()));
        }
        if (event instanceof TaskStatusChanged changed) {
            return upsert(changed.taskId(), changed.organizationId(), changed.boardId(), changed.version(),
                    Map.of("status", changed.to()));
        }
        if (event instanceof TaskAssigned assigned) {
            Map<String, Object> columns = new LinkedHashMap<>();
            columns.put("assigned_agent_id", assigned.assignedAgentId());
            return upsert(assigned.taskId(), assigned.organizationId(), assigned.boardId(), assigned.version(), columns);
        }
        if (event instanceof TaskDeleted deleted) {
            return upsert(deleted.taskId(), deleted.organizationId(), deleted.boardId(), deleted.version(),
                    Map.of("deleted", true));
        }
        return Mono.empty();
    }

    private Mono<Void> upsert(UUID id, UUID organizationId, UUID boardId, long version, Map<String, Object> columns) {
        StringBuilder names = new StringBuilder("id, organization_id, board_id, version, updated_at");
        StringBuilder values = new StringBuilder(":id, :organization, :board, :version, :now");
        StringBuilder updates = new StringBuilder("organization_id = EXCLUDED.organization_id, "
                + "board_id = EXCLUDED.board_id, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at");
        columns.keySet().forEach(column -> {
            names.append(", ").append(column);
            values.append(", :").append(column);
            updates.append(", ").append(column).append(" = EXCLUDED.").append(column);
        });
        var spec = db.sql("INSERT INTO known_task (" + names + ") VALUES (" + values + ") ON CONFLICT (id) DO UPDATE SET "
                        + updates + " WHERE known_task.version < EXCLUDED.version")
                .bind("id", id)
                .bind("organization", organizationId)
                .bind("board", boardId)
                .bind("version", version)
                .bind("now", clock.instant());
        for (var column : columns.entrySet()) {
            spec = column.getValue() == null
                    ? spec.bindNull(column.getKey(), column.getKey().endsWith("_id") ? UUID.class : String.class)
                    : spec.bind(column.getKey(), column.getValue());
        }
        return spec.then();
    }
}

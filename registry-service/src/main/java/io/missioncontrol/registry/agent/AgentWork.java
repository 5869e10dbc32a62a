package io.missioncontrol.registry.agent;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.board.BoardArchived;
import io.missioncontrol.contracts.board.BoardCreated;
import io.missioncontrol.contracts.board.BoardDeleted;
import io.missioncontrol.contracts.board.BoardUpdated;
import io.missioncontrol.contracts.task.TaskAssigned;
import io.missioncontrol.contracts.task.TaskCreated;
import io.missioncontrol.contracts.task.TaskDeleted;
import io.missioncontrol.contracts.task.TaskStatusChanged;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the registry knows of task-service's boards and tasks, from their events: which boards an agent leads and
 * which tasks it holds. task-service owns both; these rows are written only here, each change guarded by the event's
 * version so a repeated or late event never rolls a row back (as task-service's {@code known_agent}, decision 0012).
 * A task is open while it is not done, not deleted and its board is neither archived nor deleted.
 */
@Component
class AgentWork {

    /** A task still assigned to an agent and not finished. */
    record OpenTask(UUID taskId, UUID boardId, String title, String status) {
    }

    private final DatabaseClient db;

    AgentWork(DatabaseClient db) {
        this.db = db;
    }

    Mono<List<OpenTask>> openTasks(UUID agent) {
        return db.sql("""
                        SELECT t.id, t.board_id, t.title, t.status FROM task_ref t
                        LEFT JOIN board_ref b ON b.id = t.board_id
                        WHERE t.assigned_agent_id = :agent AND NOT t.deleted AND t.status IS DISTINCT FROM 'done'
                          AND NOT COALESCE(b.closed, false)
                        ORDER BY t.id""")
                .bind("agent", agent)
                .map((row, meta) -> new OpenTask(row.get("id", UUID.class), row.get("board_id", UUID.class),
                        row.get("title", String.class), row.get("status", String.class)))
                .all()
                .collectList();
    }

    /** The task, unless it is unknown or deleted. */
    Mono<KnownTask> task(UUID id) {
        return db.sql("""
                        SELECT id, organization_id, board_id, title, status, assigned_agent_id FROM task_ref
                        WHERE id = :id AND NOT deleted""")
                .bind("id", id)
                .map((row, meta) -> new KnownTask(row.get("id", UUID.class), row.get("organization_id", UUID.class),
                        row.get("board_id", UUID.class), row.get("title", String.class),
                        row.get("status", String.class), row.get("assigned_agent_id", UUID.class)))
                .one();
    }

    /** Applies an event of {@code mc.boards} or {@code mc.tasks}; events that say nothing of leads or work pass. */
    Mono<Void> apply(DomainEvent event) {
        if (event instanceof BoardCreated created) {
            return board(created.boardId(), created.organizationId(), "lead_agent_id = NULL, closed = false",
                    null, false, created.version());
        }
        if (event instanceof BoardUpdated updated) {
            return board(updated.boardId(), updated.organizationId(), "lead_agent_id = EXCLUDED.lead_agent_id",
                    updated.leadAgentId(), false, updated.version());
        }
        if (event instanceof BoardArchived archived) {
            return board(archived.boardId(), archived.organizationId(), "closed = true", null, true,
                    archived.version());
        }
        if (event instanceof BoardDeleted deleted) {
            // A purge sends no per-task events: its tasks go with it here too.
            return board(deleted.boardId(), deleted.organizationId(), "closed = true", null, true, deleted.version())
                    .then(db.sql("UPDATE task_ref SET deleted = true WHERE board_id = :board")
                            .bind("board", deleted.boardId()).then());
        }
        if (event instanceof TaskCreated created) {
            return task(created.taskId(), created.organizationId(), created.boardId(), created.title(),
                    "title = EXCLUDED.title, status = EXCLUDED.status, assigned_agent_id = EXCLUDED.assigned_agent_id",
                    created.status(), created.assignedAgentId(), false, created.version());
        }
        if (event instanceof TaskAssigned assigned) {
            return task(assigned.taskId(), assigned.organizationId(), assigned.boardId(), assigned.title(),
                    "title = EXCLUDED.title, assigned_agent_id = EXCLUDED.assigned_agent_id",
                    null, assigned.assignedAgentId(), false, assigned.version());
        }
        if (event instanceof TaskStatusChanged changed) {
            return task(changed.taskId(), changed.organizationId(), changed.boardId(), changed.title(),
                    "title = EXCLUDED.title, status = EXCLUDED.status", changed.to(), null, false, changed.version());
        }
        if (event instanceof TaskDeleted deleted) {
            return task(deleted.taskId(), deleted.organizationId(), deleted.boardId(), deleted.title(),
                    "deleted = true", null, null, true, deleted.version());
        }
        return Mono.empty();
    }

    private Mono<Void> board(UUID id, UUID organization, String changes, UUID lead, boolean closed, long version) {
        GenericExecuteSpec spec = db.sql("""
                        INSERT INTO board_ref (id, organization_id, lead_agent_id, closed, version)
                        VALUES (:id, :organization, :lead, :closed, :version)
                        ON CONFLICT (id) DO UPDATE SET %s, version = EXCLUDED.version
                        WHERE board_ref.version < EXCLUDED.version""".formatted(changes))
                .bind("id", id)
                .bind("organization", organization)
                .bind("closed", closed)
                .bind("version", version);
        spec = lead == null ? spec.bindNull("lead", UUID.class) : spec.bind("lead", lead);
        return spec.then();
    }

    private Mono<Void> task(UUID id, UUID organization, UUID board, String title, String changes, String status,
                            UUID agent, boolean deleted, long version) {
        GenericExecuteSpec spec = db.sql("""
                        INSERT INTO task_ref (id, organization_id, board_id, title, status, assigned_agent_id, deleted,
                                              version)
                        VALUES (:id, :organization, :board, :title, :status, :agent, :deleted, :version)
                        ON CONFLICT (id) DO UPDATE SET %s, version = EXCLUDED.version
                        WHERE task_ref.version < EXCLUDED.version""".formatted(changes))
                .bind("id", id)
                .bind("organization", organization)
                .bind("board", board)
                .bind("title", title == null ? "" : title)
                .bind("deleted", deleted)
                .bind("version", version);
        spec = status == null ? spec.bindNull("status", String.class) : spec.bind("status", status);
        spec = agent == null ? spec.bindNull("agent", UUID.class) : spec.bind("agent", agent);
        return spec.then();
    }
}

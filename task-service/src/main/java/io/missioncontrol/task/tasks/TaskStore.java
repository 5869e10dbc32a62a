package io.missioncontrol.task.tasks;

import io.missioncontrol.task.tasks.Task.Dependency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The task SQL that Spring Data's derived queries cannot say: row locks, version-checked updates, the dependency
 * edges, and list queries whose filters and order are chosen per request.
 *
 * <p>Locking, in one order everywhere so that no two transactions wait on each other in a circle:
 * <ol>
 *   <li>the organization's dependency-graph lock ({@link #lockGraph}), taken by every change that could break a
 *       dependency rule: editing edges, creating with dependencies, deleting, and any status change;</li>
 *   <li>the task's row ({@link #lock});</li>
 *   <li>the rows of the tasks that depend on it ({@link #lockDependents}).</li>
 * </ol>
 * A change of plain fields takes only its task's row, and waits for nothing while holding it.
 */
@Component
class TaskStore {

    /**
     * The first key of the two-key advisory lock space, naming "task dependency graphs" (the relay's lock uses the
     * one-key space, which never overlaps); the second key is the organization id's hash. Two organizations whose
     * hashes collide only wait for each other, which costs time, never correctness.
     */
    private static final int GRAPH_LOCK_SPACE = 0x7461736b; // "task"

    private final DatabaseClient db;
    private final R2dbcEntityTemplate template;

    TaskStore(R2dbcEntityTemplate template) {
        this.template = template;
        this.db = template.getDatabaseClient();
    }

    /**
     * Serializes the changes of one organization's dependency graph until the transaction ends. Row locks cannot do
     * it: two changes that together close a cycle (a→b here, b→…→a there) touch no common row, and reopening a task
     * races with a dependent starting work. Held for milliseconds, per organization, by writes only.
     */
    Mono<Void> lockGraph(UUID organizationId) {
        return db.sql("SELECT pg_advisory_xact_lock(:space, hashtext(:organization))")
                .bind("space", GRAPH_LOCK_SPACE)
                .bind("organization", organizationId.toString())
                .then();
    }

    /** The task as committed now, locked against every other change until the transaction ends; empty if gone. */
    Mono<Task> lock(UUID id, boolean forDeletion) {
        // NO KEY UPDATE leaves foreign-key checks of new edges pointing at the task unblocked; deletion needs it all.
        return db.sql("SELECT * FROM task WHERE id = :id FOR " + (forDeletion ? "UPDATE" : "NO KEY UPDATE"))
                .bind("id", id)
                .map(this::task)
                .one();
    }

    /**
     * Writes the task's new state if it is still at {@code expectedVersion}. Callers hold the row lock, so the
     * condition always holds; it stays as the last line of defence against a lost update.
     */
    Mono<Void> update(Task task, long expectedVersion) {
        GenericExecuteSpec spec = db.sql("""
                        UPDATE task SET title = :title, description = :description, status = :status,
                                        priority = :priority, assigned_agent_id = :agent, due_date = :dueDate,
                                        updated_by = :updatedBy, updated_at = :updatedAt, version = :version
                        WHERE id = :id AND version = :expected""")
                .bind("id", task.id())
                .bind("title", task.title())
                .bind("status", task.status())
                .bind("priority", task.priority())
                .bind("updatedBy", task.updatedBy())
                .bind("updatedAt", task.updatedAt())
                .bind("version", task.version())
                .bind("expected", expectedVersion);
        spec = nullable(spec, "description", task.description(), String.class);
        spec = nullable(spec, "agent", task.assignedAgentId(), UUID.class);
        spec = nullable(spec, "dueDate", task.dueDate(), Instant.class);
        return spec.fetch().rowsUpdated().flatMap(rows -> rows == 1 ? Mono.<Void>empty()
                : Mono.error(new OptimisticLockingFailureException(
                        "Task " + task.id() + " is no longer at version " + expectedVersion)));
    }

    /**
     * The task an agent claiming work on the board gets, locked: the highest-priority, then oldest, unassigned
     * {@code todo} task whose dependencies are all done. {@code SKIP LOCKED} makes concurrent claims pass over each
     * other's candidates instead of queueing behind them, and the row is re-checked once locked, so a task another
     * claim has just taken is skipped, never taken twice. Empty when there is nothing to claim.
     */
    Mono<Task> lockClaimable(UUID boardId) {
        return db.sql("""
                        SELECT t.* FROM task t
                        WHERE t.board_id = :board AND t.status = 'todo' AND t.assigned_agent_id IS NULL
                          AND NOT EXISTS (SELECT 1 FROM task_dependency d JOIN task dependency ON dependency.id = d.depends_on_id
                                          WHERE d.task_id = t.id AND dependency.status <> 'done')
                        ORDER BY t.priority_rank DESC, t.created_at, t.id
                        LIMIT 1
                        FOR NO KEY UPDATE OF t SKIP LOCKED""")
                .bind("board", boardId)
                .map(this::task)
                .one();
    }

    Mono<Void> delete(UUID id) {
        return db.sql("DELETE FROM task WHERE id = :id").bind("id", id).then();
    }

    /**
     * The tasks that depend on {@code id}, locked; with {@code inWorkOnly}, only those at work or in review (the
     * ones a reopened dependency sends back).
     */
    Flux<Task> lockDependents(UUID id, boolean inWorkOnly) {
        String inWork = inWorkOnly ? " AND t.status IN ('in_progress', 'review')" : "";
        return db.sql("SELECT t.* FROM task t JOIN task_dependency d ON d.task_id = t.id WHERE d.depends_on_id = :id"
                        + inWork + " ORDER BY t.id FOR NO KEY UPDATE OF t")
                .bind("id", id)
                .map(this::task)
                .all();
    }

    /**
     * The tasks on other boards that depend on tasks of {@code boardId}, locked in id order, each with those
     * dependencies.
     */
    Mono<Map<Task, List<Dependency>>> lockDependentsElsewhere(UUID boardId) {
        return db.sql("""
                        SELECT t.*, dep.id AS dep_id, dep.title AS dep_title, dep.status AS dep_status
                        FROM task t
                        JOIN task_dependency d ON d.task_id = t.id
                        JOIN task dep ON dep.id = d.depends_on_id
                        WHERE dep.board_id = :board AND t.board_id <> :board
                        ORDER BY t.id, dep.id
                        FOR NO KEY UPDATE OF t""")
                .bind("board", boardId)
                .map((row, meta) -> Map.entry(task(row, meta), dependency(row.get("dep_id", UUID.class),
                        row.get("dep_title", String.class), row.get("dep_status", String.class))))
                .all()
                .collect(LinkedHashMap::new, (byTask, entry) -> byTask
                        .computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue()));
    }

    /** The tasks carrying the tag, locked, in id order (the order every multi-task lock here takes). */
    Flux<Task> lockTagged(UUID tagId) {
        return db.sql("SELECT t.* FROM task t JOIN task_tag tt ON tt.task_id = t.id WHERE tt.tag_id = :tag"
                        + " ORDER BY t.id FOR NO KEY UPDATE OF t")
                .bind("tag", tagId)
                .map(this::task)
                .all();
    }

    /** Those of {@code ids} that are tasks of the organization, by id. */
    Mono<Map<UUID, Dependency>> findInOrganization(UUID organizationId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT id, title, status FROM task WHERE organization_id = :organization AND id = ANY(:ids)")
                .bind("organization", organizationId)
                .bind("ids", ids.toArray(UUID[]::new))
                .map((row, meta) -> dependency(row.get("id", UUID.class), row.get("title", String.class),
                        row.get("status", String.class)))
                .all()
                .collectMap(Dependency::id);
    }

    /** The dependencies of each task, oldest first (those added together by id, so the order is stable). */
    /** Each task's approval state where it has one (board governance keeps it); tasks without a row have none. */
    Mono<Map<UUID, String>> approvalStatesOf(Collection<UUID> taskIds) {
        if (taskIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT task_id, state FROM task_approval WHERE task_id = ANY(:ids)")
                .bind("ids", taskIds.toArray(UUID[]::new))
                .map((row, meta) -> Map.entry(row.get("task_id", UUID.class), row.get("state", String.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    Mono<Map<UUID, List<Dependency>>> dependenciesOf(Collection<UUID> taskIds) {
        if (taskIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("""
                        SELECT d.task_id, t.id, t.title, t.status FROM task_dependency d JOIN task t ON t.id = d.depends_on_id
                        WHERE d.task_id = ANY(:ids) ORDER BY d.created_at, d.depends_on_id""")
                .bind("ids", taskIds.toArray(UUID[]::new))
                .map((row, meta) -> Map.entry(row.get("task_id", UUID.class), dependency(row.get("id", UUID.class),
                        row.get("title", String.class), row.get("status", String.class))))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, LinkedHashMap::new,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    Mono<List<Dependency>> dependenciesOf(UUID taskId) {
        return dependenciesOf(List.of(taskId)).map(all -> all.getOrDefault(taskId, List.of()));
    }

    /** Every dependency edge of the organization: the graph a cycle check searches. */
    Mono<DependencyGraph> graphOf(UUID organizationId) {
        return db.sql("SELECT task_id, depends_on_id FROM task_dependency WHERE organization_id = :organization")
                .bind("organization", organizationId)
                .map((row, meta) -> new DependencyGraph.Edge(row.get("task_id", UUID.class),
                        row.get("depends_on_id", UUID.class)))
                .all()
                .collectList()
                .map(DependencyGraph::new);
    }

    Mono<Void> addDependencies(Task task, List<UUID> dependencies, String by, Instant at) {
        if (dependencies.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO task_dependency (task_id, depends_on_id, organization_id, created_by, created_at)
                        SELECT :task, dependency, :organization, :by, :at FROM unnest(CAST(:dependencies AS uuid[])) AS dependency""")
                .bind("task", task.id())
                .bind("organization", task.organizationId())
                .bind("by", by)
                .bind("at", at)
                .bind("dependencies", dependencies.toArray(UUID[]::new))
                .then();
    }

    Mono<Void> removeDependencies(UUID taskId, Collection<UUID> dependencies) {
        if (dependencies.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("DELETE FROM task_dependency WHERE task_id = :task AND depends_on_id = ANY(:dependencies)")
                .bind("task", taskId)
                .bind("dependencies", dependencies.toArray(UUID[]::new))
                .then();
    }

    /** Up to {@code limit} tasks matching the filter, in the order, after the cursor (null: from the start). */
    Flux<Task> findPage(TaskFilter filter, TaskOrder order, TaskOrder.Cursor after, int limit) {
        // Tasks of archived boards are hidden (decision 0011); archived boards are few, so this is an anti-join on a tiny set.
        StringBuilder sql = new StringBuilder("SELECT * FROM task WHERE organization_id = :organization AND NOT EXISTS"
                + " (SELECT 1 FROM board b WHERE b.id = task.board_id AND b.archived_at IS NOT NULL)");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("organization", filter.organizationId());
        if (filter.boardId() != null) {
            sql.append(" AND board_id = :board");
            values.put("board", filter.boardId());
        }
        if (filter.status() != null) {
            sql.append(" AND status = :status");
            values.put("status", filter.status().wire());
        }
        if (filter.priority() != null) {
            sql.append(" AND priority = :priority");
            values.put("priority", filter.priority().wire());
        }
        if (filter.assignedAgentId() != null) {
            sql.append(" AND assigned_agent_id = :agent");
            values.put("agent", filter.assignedAgentId());
        }
        if (filter.text() != null) {
            sql.append(" AND (title ILIKE :text OR description ILIKE :text)");
            values.put("text", filter.textPattern());
        }
        // One EXISTS per tag: "all of them", each answered by the (tag_id, task_id) index.
        for (int i = 0; i < filter.tags().size(); i++) {
            sql.append(" AND EXISTS (SELECT 1 FROM task_tag tt WHERE tt.task_id = task.id AND tt.tag_id = :tag")
                    .append(i).append(')');
            values.put("tag" + i, filter.tags().get(i));
        }
        if (after != null) {
            sql.append(" AND ").append(order.after());
            values.put("afterKey", after.key());
            values.put("afterId", after.id());
        }
        sql.append(" ORDER BY ").append(order.orderBy()).append(" LIMIT :limit");
        values.put("limit", limit);
        return db.sql(sql.toString()).bindValues(values).map(this::task).all();
    }

    private Task task(io.r2dbc.spi.Row row, io.r2dbc.spi.RowMetadata metadata) {
        return template.getConverter().read(Task.class, row, metadata);
    }

    private static Dependency dependency(UUID id, String title, String status) {
        return new Dependency(id, title, TaskStatus.fromWire(status));
    }

    private static <T> GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}

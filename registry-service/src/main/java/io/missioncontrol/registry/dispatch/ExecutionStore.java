package io.missioncontrol.registry.dispatch;

import io.missioncontrol.platform.web.Page;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code execution} table. */
@Component
class ExecutionStore {

    private static final String COLUMNS = """
            id, organization_id, task_id, board_id, agent_id, title, required_capabilities, approval_id, status,
            runtime_id, runtime_name, reason, detail, created_at, updated_at, version, target_runtime_id,
            CAST(parameters AS TEXT) AS parameters""";

    private final DatabaseClient db;

    ExecutionStore(DatabaseClient db) {
        this.db = db;
    }

    /** Stores a new request; a request already stored (the same execution id) is left as it is. */
    Mono<Void> insertIfAbsent(Execution execution) {
        var spec = db.sql("""
                        INSERT INTO execution (id, organization_id, task_id, board_id, agent_id, title,
                                               required_capabilities, approval_id, status, created_at, updated_at,
                                               version, target_runtime_id, parameters)
                        VALUES (:id, :organizationId, :taskId, :boardId, :agentId, :title, :capabilities, :approvalId,
                                :status, :createdAt, :createdAt, :version, :targetRuntimeId, CAST(:parameters AS JSONB))
                        ON CONFLICT (id) DO NOTHING""")
                .bind("id", execution.id())
                .bind("organizationId", execution.organizationId())
                .bind("taskId", execution.taskId())
                .bind("title", execution.title() == null ? "" : execution.title())
                .bind("capabilities", execution.requiredCapabilities().toArray(String[]::new))
                .bind("status", execution.status())
                .bind("createdAt", OffsetDateTime.ofInstant(execution.createdAt(), ZoneOffset.UTC))
                .bind("version", execution.version());
        spec = execution.boardId() == null ? spec.bindNull("boardId", UUID.class) : spec.bind("boardId", execution.boardId());
        spec = execution.agentId() == null ? spec.bindNull("agentId", UUID.class) : spec.bind("agentId", execution.agentId());
        spec = execution.approvalId() == null ? spec.bindNull("approvalId", UUID.class)
                : spec.bind("approvalId", execution.approvalId());
        spec = execution.targetRuntimeId() == null ? spec.bindNull("targetRuntimeId", UUID.class)
                : spec.bind("targetRuntimeId", execution.targetRuntimeId());
        spec = bindText(spec, "parameters", execution.parameters());
        return spec.then();
    }

    Mono<Execution> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM execution WHERE id = :id").bind("id", id)
                .map(ExecutionStore::execution).one();
    }

    /** Records the decision, unless another one was recorded first: true when this one was. */
    Mono<Boolean> decide(Execution decided) {
        var spec = db.sql("""
                        UPDATE execution SET status = :status, runtime_id = :runtimeId, runtime_name = :runtimeName,
                            reason = :reason, detail = :detail, updated_at = :updatedAt, version = :version
                        WHERE id = :id AND status = 'requested'""")
                .bind("id", decided.id())
                .bind("status", decided.status())
                .bind("updatedAt", OffsetDateTime.ofInstant(decided.updatedAt(), ZoneOffset.UTC))
                .bind("version", decided.version());
        spec = decided.runtimeId() == null ? spec.bindNull("runtimeId", UUID.class)
                : spec.bind("runtimeId", decided.runtimeId());
        spec = bindText(spec, "runtimeName", decided.runtimeName());
        spec = bindText(spec, "reason", decided.reason());
        spec = bindText(spec, "detail", decided.detail());
        return spec.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    Flux<Execution> page(UUID organizationId, UUID taskId, Page.Cursor after, int limit) {
        var spec = db.sql("SELECT " + COLUMNS + """
                         FROM execution WHERE organization_id = :organizationId
                          AND (CAST(:taskId AS UUID) IS NULL OR task_id = :taskId)
                          AND (created_at, id) < (:time, :id)
                        ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .bind("organizationId", organizationId)
                .bind("time", OffsetDateTime.ofInstant(after.time(), ZoneOffset.UTC))
                .bind("id", after.id())
                .bind("limit", limit);
        spec = taskId == null ? spec.bindNull("taskId", UUID.class) : spec.bind("taskId", taskId);
        return spec.map(ExecutionStore::execution).all();
    }

    private static DatabaseClient.GenericExecuteSpec bindText(DatabaseClient.GenericExecuteSpec spec, String name,
                                                              String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }

    private static Execution execution(Readable row) {
        String[] capabilities = row.get("required_capabilities", String[].class);
        return new Execution(row.get("id", UUID.class), row.get("organization_id", UUID.class),
                row.get("task_id", UUID.class), row.get("board_id", UUID.class), row.get("agent_id", UUID.class),
                row.get("title", String.class), capabilities == null ? null : Arrays.asList(capabilities),
                row.get("approval_id", UUID.class), row.get("status", String.class), row.get("runtime_id", UUID.class),
                row.get("runtime_name", String.class), row.get("reason", String.class), row.get("detail", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant(), row.get("version", Long.class),
                row.get("target_runtime_id", UUID.class), row.get("parameters", String.class));
    }
}

package io.missioncontrol.approval.approvals;

import io.missioncontrol.approval.policies.ApprovalRules;
import io.missioncontrol.platform.tenancy.Role;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The approval rows, their votes and their tasks. */
@Component
class ApprovalStore {

    private static final TypeReference<Map<String, Double>> SCORES = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, Object>> METADATA = new TypeReference<>() {
    };

    /** The expiry job's advisory lock key ("mc-expir"); the outbox relay's is another. */
    private static final long EXPIRY_LOCK = 0x6d632d6578706972L;

    private final DatabaseClient db;
    private final JsonMapper json;

    ApprovalStore(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Inserts a new request with its tasks. Its tasks are marked pending while it is: the ids returned are the tasks
     * that already have another pending request, in which case the caller must roll back.
     */
    Mono<List<UUID>> insert(Approval approval) {
        var spec = db.sql("""
                        INSERT INTO approval (id, organization_id, board_id, task_ids, action, reason, confidence,
                            rubric_scores, metadata, requested_by, requester_type, status, quorum, approver_roles,
                            policy_id, expires_at, execute_on_approval, closed_by, closing_comment, closed_at, version,
                            created_at, updated_at)
                        VALUES (:id, :organization, :board, :tasks, :action, :reason, :confidence, :scores, :metadata,
                            :requestedBy, :requesterType, :status, :quorum, :roles, :policy, :expiresAt, :execute,
                            :closedBy, :closingComment, :closedAt, :version, :createdAt, :updatedAt)""")
                .bind("id", approval.id())
                .bind("organization", approval.organizationId())
                .bind("tasks", approval.taskIds().toArray(UUID[]::new))
                .bind("action", approval.action())
                .bind("reason", approval.reason())
                .bind("confidence", approval.confidence())
                .bind("scores", Json.of(json.writeValueAsString(approval.rubricScores())))
                .bind("metadata", Json.of(json.writeValueAsString(approval.metadata())))
                .bind("requestedBy", approval.requestedBy())
                .bind("requesterType", approval.requesterType())
                .bind("quorum", approval.rules().quorum())
                .bind("roles", approval.rules().roleWords().toArray(String[]::new))
                .bind("execute", approval.executeOnApproval())
                .bind("createdAt", approval.createdAt());
        spec = nullable(spec, "board", approval.boardId(), UUID.class);
        spec = nullable(spec, "policy", approval.rules().policyId(), UUID.class);
        spec = nullable(spec, "expiresAt", approval.expiresAt(), Instant.class);
        spec = state(spec, approval);
        boolean pending = approval.status() == ApprovalStatus.PENDING;
        return spec.then()
                .thenMany(Flux.fromIterable(approval.taskIds())
                        .concatMap(task -> db.sql("""
                                        INSERT INTO approval_task (approval_id, task_id, pending)
                                        VALUES (:approval, :task, :pending)
                                        ON CONFLICT (task_id) WHERE pending DO NOTHING""")
                                .bind("approval", approval.id())
                                .bind("task", task)
                                .bind("pending", pending)
                                .fetch().rowsUpdated()
                                .filter(inserted -> inserted == 0)
                                .map(conflict -> task)))
                .collectList();
    }

    DatabaseClient client() {
        return db;
    }

    /**
     * Whether this transaction may run the expiry job: one replica at a time, so two never expire the same rows
     * and publish their events twice. Released when the transaction ends.
     */
    Mono<Boolean> tryExpiryLock() {
        return db.sql("SELECT pg_try_advisory_xact_lock(:key) AS locked")
                .bind("key", EXPIRY_LOCK)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
                .one();
    }

    /** The pending request of each of the tasks that has one. */
    Flux<Map.Entry<UUID, UUID>> pendingFor(Collection<UUID> taskIds) {
        return db.sql("SELECT task_id, approval_id FROM approval_task WHERE pending AND task_id = ANY(:tasks)")
                .bind("tasks", taskIds.toArray(UUID[]::new))
                .map((row, meta) -> Map.entry(row.get("task_id", UUID.class), row.get("approval_id", UUID.class)))
                .all();
    }

    /** Writes a transition: the row's state, the new vote if there is one, and whether its tasks are still pending. */
    Mono<Void> update(Approval before, Approval after) {
        var spec = db.sql("""
                        UPDATE approval SET status = :status, closed_by = :closedBy, closing_comment = :closingComment,
                            closed_at = :closedAt, version = :version, updated_at = :updatedAt
                        WHERE id = :id AND version = :expected""")
                .bind("id", after.id())
                .bind("expected", before.version());
        Mono<Void> row = state(spec, after).fetch().rowsUpdated()
                .flatMap(updated -> updated == 1 ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException("Approval " + after.id() + " changed under its lock")));
        Mono<Void> votes = Flux.fromIterable(after.votes().subList(before.votes().size(), after.votes().size()))
                .concatMap(vote -> {
                    var insert = db.sql("""
                                    INSERT INTO approval_vote (approval_id, approver, approver_type, decision, comment,
                                        created_at)
                                    VALUES (:approval, :approver, :type, :decision, :comment, :at)""")
                            .bind("approval", after.id())
                            .bind("approver", vote.approver())
                            .bind("type", vote.approverType())
                            .bind("decision", vote.decision().wire())
                            .bind("at", vote.at());
                    return nullable(insert, "comment", vote.comment(), String.class).then();
                })
                .then();
        Mono<Void> tasks = after.status() == ApprovalStatus.PENDING ? Mono.empty()
                : db.sql("UPDATE approval_task SET pending = false WHERE approval_id = :id AND pending")
                        .bind("id", after.id()).then();
        return row.then(votes).then(tasks);
    }

    /** The request, locked until the transaction ends: decisions on one request take turns. */
    Mono<Approval> lock(UUID id) {
        return load(db.sql("SELECT * FROM approval WHERE id = :id FOR UPDATE").bind("id", id)).next();
    }

    Mono<Approval> find(UUID id) {
        return load(db.sql("SELECT * FROM approval WHERE id = :id").bind("id", id)).next();
    }

    /** Up to {@code limit} pending requests past their deadline, locked; those locked by a decision are skipped. */
    Flux<Approval> lockDue(Instant now, int limit) {
        return load(db.sql("""
                        SELECT * FROM approval WHERE status = 'pending' AND expires_at <= :now
                        ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("now", now)
                .bind("limit", limit));
    }

    /** Rows of a query on {@code approval}, with their votes (one more query for all of them). */
    Flux<Approval> load(DatabaseClient.GenericExecuteSpec query) {
        return query.map((row, meta) -> new Loaded(row, json)).all().collectList()
                .flatMapMany(rows -> rows.isEmpty() ? Flux.empty() : votes(rows.stream().map(Loaded::id).toList())
                        .map(votes -> rows.stream()
                                .map(loaded -> loaded.approval(votes.getOrDefault(loaded.id(), List.of())))
                                .toList())
                        .flatMapMany(Flux::fromIterable));
    }

    private Mono<Map<UUID, List<Vote>>> votes(List<UUID> approvals) {
        return db.sql("SELECT * FROM approval_vote WHERE approval_id = ANY(:ids) ORDER BY created_at, approver")
                .bind("ids", approvals.toArray(UUID[]::new))
                .map((row, meta) -> Map.entry(row.get("approval_id", UUID.class), new Vote(
                        row.get("approver", String.class), row.get("approver_type", String.class),
                        Vote.Decision.fromWire(row.get("decision", String.class)), row.get("comment", String.class),
                        row.get("created_at", Instant.class))))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, HashMap::new,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    private static DatabaseClient.GenericExecuteSpec state(DatabaseClient.GenericExecuteSpec spec, Approval approval) {
        spec = spec.bind("status", approval.status().wire())
                .bind("version", approval.version())
                .bind("updatedAt", approval.updatedAt());
        spec = nullable(spec, "closedBy", approval.closedBy(), String.class);
        spec = nullable(spec, "closingComment", approval.closingComment(), String.class);
        return nullable(spec, "closedAt", approval.closedAt(), Instant.class);
    }

    private static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name,
                                                              Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    /** A row read eagerly (rows cannot be read after the result moved on), awaiting its votes. */
    private static final class Loaded {

        private final Approval base;

        Loaded(Row row, JsonMapper json) {
            var rules = new ApprovalRules(row.get("policy_id", UUID.class), row.get("quorum", Integer.class),
                    Arrays.stream(row.get("approver_roles", String[].class)).map(Role::fromWire)
                            .collect(Collectors.toSet()), null, null);
            this.base = new Approval(row.get("id", UUID.class), row.get("organization_id", UUID.class),
                    row.get("board_id", UUID.class), Arrays.asList(row.get("task_ids", UUID[].class)),
                    row.get("action", String.class), row.get("reason", String.class),
                    row.get("confidence", Integer.class),
                    json.readValue(row.get("rubric_scores", Json.class).asString(), SCORES),
                    json.readValue(row.get("metadata", Json.class).asString(), METADATA),
                    row.get("requested_by", String.class), row.get("requester_type", String.class),
                    ApprovalStatus.fromWire(row.get("status", String.class)), rules,
                    row.get("expires_at", Instant.class),
                    Boolean.TRUE.equals(row.get("execute_on_approval", Boolean.class)), List.of(),
                    row.get("closed_by", String.class), row.get("closing_comment", String.class),
                    row.get("closed_at", Instant.class), row.get("version", Long.class),
                    row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
        }

        UUID id() {
            return base.id();
        }

        Approval approval(List<Vote> votes) {
            return new Approval(base.id(), base.organizationId(), base.boardId(), base.taskIds(), base.action(),
                    base.reason(), base.confidence(), base.rubricScores(), base.metadata(), base.requestedBy(),
                    base.requesterType(), base.status(), base.rules(), base.expiresAt(), base.executeOnApproval(),
                    new ArrayList<>(votes), base.closedBy(), base.closingComment(), base.closedAt(), base.version(),
                    base.createdAt(), base.updatedAt());
        }
    }
}

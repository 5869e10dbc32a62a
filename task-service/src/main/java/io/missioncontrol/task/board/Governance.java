package io.missioncontrol.task.board;

import io.missioncontrol.contracts.approval.ApprovalDecided;
import io.missioncontrol.contracts.approval.ApprovalRequested;
import io.missioncontrol.contracts.task.TaskApprovalRequested;
import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.tenancy.Role;
import io.missioncontrol.platform.tenancy.TenantAccess;
import io.missioncontrol.task.board.BoardPolicy.Actor;
import io.missioncontrol.task.board.BoardPolicy.Approval;
import io.missioncontrol.task.board.BoardPolicy.Facts;
import io.missioncontrol.task.tasks.TaskGovernance;
import io.missioncontrol.task.tasks.TaskStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * Board governance: loads the facts {@link BoardPolicy} needs for a task change and applies its decision; requests
 * approvals for refused completions and records approval decisions. Approval states live in {@code task_approval},
 * apart from the task row, so that neither a request nor a decision takes the task's lock or bumps its version.
 */
@Service
class Governance implements TaskGovernance {

    private static final Logger log = LoggerFactory.getLogger(Governance.class);

    static final String COMPLETE_TASK = "complete_task";

    private final BoardRepository boards;
    private final DatabaseClient db;
    private final TenantAccess access;
    private final Outbox outbox;
    private final Clock clock;

    Governance(BoardRepository boards, DatabaseClient db, TenantAccess access, Outbox outbox, Clock clock) {
        this.boards = boards;
        this.db = db;
        this.access = access;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Mono<Void> check(Move move) {
        if (!move.changesStatus() && !move.changesAgent()) {
            return Mono.empty();
        }
        return boards.findById(move.boardId())
                .map(Board::rules)
                .filter(BoardRules::governs)
                .flatMap(rules -> facts(rules, move)
                        .flatMap(facts -> BoardPolicy.refusal(rules, move, facts)
                                .map(Mono::<Void>error)
                                .orElseGet(() -> reopened(move))));
    }

    private Mono<Facts> facts(BoardRules rules, Move move) {
        Mono<Actor> actor = rules.onlyLeadCanChangeStatus() && move.changesStatus() ? actor(move)
                : Mono.just(new Actor(null, true));
        Mono<Long> comments = rules.commentRequiredForReview() && move.to() == TaskStatus.REVIEW
                && move.taskId() != null ? commentCount(move.taskId()) : Mono.just(0L);
        Mono<Approval> approval = (rules.requireApprovalForDone() || rules.blockStatusChangesWithPendingApproval())
                && move.taskId() != null ? approvalOf(move.taskId()) : Mono.just(Approval.NONE);
        Mono<Set<UUID>> agents = rules.maxAgents() != null && move.changesAgent()
                ? otherAgents(move) : Mono.just(Set.of());
        return Mono.zip(actor, comments, approval, agents)
                .map(all -> new Facts(all.getT1(), all.getT2(), all.getT3(), all.getT4()));
    }

    /** An agent acts as itself (its subject is its id); a person by their role; the admin token as an owner. */
    private Mono<Actor> actor(Move move) {
        return Caller.current()
                .flatMap(caller -> caller.kind() == Caller.Kind.AGENT
                        ? Mono.just(new Actor(agentId(caller.subject()), false))
                        : access.access(move.organizationId(), "task", move.taskId())
                                .map(found -> new Actor(null, found.role().atLeast(Role.ADMIN))))
                .defaultIfEmpty(new Actor(null, false));
    }

    private static UUID agentId(String subject) {
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            return null; // not an agent id: never the lead
        }
    }

    private Mono<Long> commentCount(UUID taskId) {
        return db.sql("SELECT count(*) AS n FROM task_comment WHERE task_id = :task")
                .bind("task", taskId)
                .map((row, meta) -> row.get("n", Long.class))
                .one();
    }

    private Mono<Approval> approvalOf(UUID taskId) {
        return db.sql("SELECT state FROM task_approval WHERE task_id = :task")
                .bind("task", taskId)
                .map((row, meta) -> Approval.fromWire(row.get("state", String.class)))
                .one()
                .defaultIfEmpty(Approval.NONE);
    }

    /**
     * The distinct agents of the board's other tasks. The board row is locked first: two assignments that each see
     * room for one more agent would otherwise both commit and exceed the limit. Lock order: task row, then board row;
     * nothing that holds a board row waits for a task row.
     */
    private Mono<Set<UUID>> otherAgents(Move move) {
        return db.sql("SELECT id FROM board WHERE id = :board FOR NO KEY UPDATE")
                .bind("board", move.boardId())
                .fetch().all().then(db.sql("""
                                SELECT DISTINCT assigned_agent_id FROM task WHERE board_id = :board
                                  AND assigned_agent_id IS NOT NULL AND id <> :task""")
                        .bind("board", move.boardId())
                        .bind("task", move.taskId() == null ? new UUID(0, 0) : move.taskId())
                        .map((row, meta) -> row.get("assigned_agent_id", UUID.class))
                        .all()
                        .collect(HashSet<UUID>::new, Set::add))
                .map(Set::copyOf);
    }

    /** A task's approval state as the API shows it. */
    record ApprovalView(UUID taskId, String state, UUID approvalId, String decidedBy, Instant updatedAt) {
    }

    Mono<ApprovalView> approval(UUID taskId) {
        return db.sql("SELECT * FROM task_approval WHERE task_id = :task")
                .bind("task", taskId)
                .map((row, meta) -> new ApprovalView(taskId, row.get("state", String.class),
                        row.get("approval_id", UUID.class), row.get("decided_by", String.class),
                        row.get("updated_at", Instant.class)))
                .one()
                .defaultIfEmpty(new ApprovalView(taskId, Approval.NONE.wire(), null, null, null));
    }

    /** An approval approves completing the task once: a task reopened after it needs a new one. */
    private Mono<Void> reopened(Move move) {
        if (move.taskId() == null || move.from() != TaskStatus.DONE || move.to() == TaskStatus.DONE) {
            return Mono.empty();
        }
        return db.sql("DELETE FROM task_approval WHERE task_id = :task").bind("task", move.taskId()).then();
    }

    /**
     * A completion refused for want of an approval requests one, once per pending need: the state moves from none
     * (or rejected: asking again after a rejection is a new need) to pending, and only that move publishes the
     * request. Retries while it is pending publish nothing.
     */
    @Override
    @Transactional
    public Mono<Void> refused(UUID taskId, ApiException refusal) {
        if (!"approval_required".equals(refusal.code())) {
            return Mono.empty();
        }
        return Caller.current().map(Caller::subject).defaultIfEmpty("system")
                .flatMap(by -> db.sql("""
                                INSERT INTO task_approval (task_id, state, updated_at) VALUES (:task, 'pending', :now)
                                ON CONFLICT (task_id) DO UPDATE
                                  SET state = 'pending', approval_id = NULL, decided_by = NULL, updated_at = :now
                                  WHERE task_approval.state IN ('none', 'rejected')
                                RETURNING task_id""")
                        .bind("task", taskId)
                        .bind("now", clock.instant())
                        .fetch().one()
                        .flatMap(requested -> db.sql("""
                                        SELECT organization_id, board_id, title, version FROM task WHERE id = :task""")
                                .bind("task", taskId)
                                .map((row, meta) -> new TaskApprovalRequested(taskId, row.get("board_id", UUID.class),
                                        row.get("organization_id", UUID.class), row.get("title", String.class), by,
                                        COMPLETE_TASK, row.get("version", Long.class)))
                                .one())
                        .flatMap(outbox::append))
                .then();
    }

    /**
     * An approval was requested at the approval service, directly or for this service's own request: each of its
     * tasks of its organization has a pending approval, named by its id, until it is decided, expires or is cancelled.
     * So {@code block_status_changes_with_pending_approval} and {@code require_approval_for_done} hold for every
     * approval, not only for those this service asked for.
     */
    Mono<Void> requested(ApprovalRequested requested) {
        if (requested.taskIds().isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO task_approval (task_id, state, approval_id, decided_by, updated_at)
                        SELECT id, 'pending', :approval, NULL, :now FROM task
                        WHERE id = ANY(:ids) AND organization_id = :organization
                        ON CONFLICT (task_id) DO UPDATE SET state = 'pending', approval_id = EXCLUDED.approval_id,
                          decided_by = NULL, updated_at = EXCLUDED.updated_at""")
                .bind("approval", requested.approvalId())
                .bind("now", clock.instant())
                .bind("ids", requested.taskIds().toArray(UUID[]::new))
                .bind("organization", requested.organizationId())
                .then();
    }

    /**
     * An approval expired or was cancelled undecided: its tasks have no approval any more (a gated completion asks
     * again). Only a pending state of that same approval is cleared; a newer request or a decision stays.
     */
    Mono<Void> withdrawn(UUID approvalId, UUID organizationId, List<UUID> taskIds) {
        if (taskIds == null || taskIds.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        DELETE FROM task_approval WHERE task_id = ANY(:ids) AND approval_id = :approval
                          AND state = 'pending'
                          AND task_id IN (SELECT id FROM task WHERE id = ANY(:ids) AND organization_id = :organization)""")
                .bind("ids", taskIds.toArray(UUID[]::new))
                .bind("approval", approvalId)
                .bind("organization", organizationId)
                .then();
    }

    /**
     * Applies an approval decision to each of its tasks that belongs to its organization (an id of another
     * organization's task is ignored, never applied). The decision may arrive for a task that never asked.
     */
    Mono<Void> decided(ApprovalDecided decision) {
        if (!"approved".equals(decision.status()) && !"rejected".equals(decision.status())) {
            log.warn("Ignoring approval {} with unknown status {}", decision.approvalId(), decision.status());
            return Mono.empty();
        }
        if (decision.taskIds() == null || decision.taskIds().isEmpty()) {
            return Mono.empty();
        }
        var spec = db.sql("""
                        INSERT INTO task_approval (task_id, state, approval_id, decided_by, updated_at)
                        SELECT id, :state, :approval, :by, :now FROM task
                        WHERE id = ANY(:ids) AND organization_id = :organization
                        ON CONFLICT (task_id) DO UPDATE SET state = EXCLUDED.state, approval_id = EXCLUDED.approval_id,
                          decided_by = EXCLUDED.decided_by, updated_at = EXCLUDED.updated_at""")
                .bind("state", decision.status())
                .bind("approval", decision.approvalId())
                .bind("now", clock.instant())
                .bind("ids", decision.taskIds().toArray(UUID[]::new))
                .bind("organization", decision.organizationId());
        spec = decision.decidedBy() == null ? spec.bindNull("by", String.class) : spec.bind("by", decision.decidedBy());
        return spec.then();
    }
}

package io.missioncontrol.approval.policies;

import io.missioncontrol.contracts.approval.ApprovalPolicyDeleted;
import io.missioncontrol.contracts.approval.ApprovalPolicySet;
import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.tenancy.Role;
import io.missioncontrol.platform.tenancy.TenantAccess;
import io.missioncontrol.platform.web.ApiException;
import io.r2dbc.spi.Row;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Approval policies: admins of an organization manage them; every request is decided by the one that governs it. */
@Service
public class PolicyService {

    private final DatabaseClient db;
    private final TenantAccess access;
    private final Outbox outbox;
    private final Clock clock;

    PolicyService(DatabaseClient db, TenantAccess access, Outbox outbox, Clock clock) {
        this.db = db;
        this.access = access;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The rules for a request of the action on the board's tasks: its governing policy's, or the default. */
    public Mono<ApprovalRules> rulesFor(UUID organizationId, UUID boardId, String action) {
        return policies(organizationId).collectList()
                .map(all -> Policy.governing(all, boardId, action).map(Policy::rules).orElse(ApprovalRules.DEFAULT));
    }

    /** What a policy says, validated. */
    record Terms(UUID boardId, String actionPattern, int quorum, List<String> approverRoles, Long expirySeconds,
                 Integer autoRejectBelow) {
    }

    @Transactional
    Mono<Policy> create(UUID organizationId, Terms terms) {
        Instant now = clock.instant();
        Policy policy = new Policy(UUID.randomUUID(), organizationId, terms.boardId(), terms.actionPattern(),
                terms.quorum(), terms.approverRoles(), terms.expirySeconds(), terms.autoRejectBelow(), 1, now, now);
        return access.requireRole(organizationId, Role.ADMIN, "organization", organizationId)
                .then(write("""
                        INSERT INTO approval_policy (id, organization_id, board_id, action_pattern, quorum,
                            approver_roles, expiry_seconds, auto_reject_below, version, created_at, updated_at)
                        VALUES (:id, :organization, :board, :pattern, :quorum, :roles, :expiry, :autoReject,
                            :version, :now, :now)""", policy))
                .then(outbox.append(set(policy)))
                .thenReturn(policy);
    }

    @Transactional
    Mono<Policy> replace(UUID id, Terms terms) {
        return find(id)
                .flatMap(found -> access.requireRole(found.organizationId(), Role.ADMIN, "approval_policy", id)
                        .thenReturn(found))
                .flatMap(found -> {
                    Policy policy = new Policy(id, found.organizationId(), terms.boardId(), terms.actionPattern(),
                            terms.quorum(), terms.approverRoles(), terms.expirySeconds(), terms.autoRejectBelow(),
                            found.version() + 1, found.createdAt(), clock.instant());
                    return write("""
                            UPDATE approval_policy SET board_id = :board, action_pattern = :pattern, quorum = :quorum,
                                approver_roles = :roles, expiry_seconds = :expiry, auto_reject_below = :autoReject,
                                version = :version, updated_at = :now
                            WHERE id = :id AND organization_id = :organization""", policy)
                            .then(outbox.append(set(policy)))
                            .thenReturn(policy);
                });
    }

    @Transactional
    Mono<Void> delete(UUID id) {
        return find(id)
                .flatMap(found -> access.requireRole(found.organizationId(), Role.ADMIN, "approval_policy", id)
                        .thenReturn(found))
                .flatMap(found -> db.sql("DELETE FROM approval_policy WHERE id = :id").bind("id", id).then()
                        .then(outbox.append(new ApprovalPolicyDeleted(id, found.organizationId(),
                                found.version() + 1))));
    }

    Mono<Policy> get(UUID id) {
        return find(id).flatMap(found -> access.requireRead(found.organizationId(), "approval_policy", id)
                .thenReturn(found));
    }

    Flux<Policy> list(UUID organizationId) {
        return access.requireRead(organizationId, "organization", organizationId)
                .thenMany(policies(organizationId));
    }

    private Flux<Policy> policies(UUID organizationId) {
        return db.sql("SELECT * FROM approval_policy WHERE organization_id = :organization ORDER BY created_at, id")
                .bind("organization", organizationId)
                .map((row, meta) -> from(row))
                .all();
    }

    private Mono<Policy> find(UUID id) {
        return db.sql("SELECT * FROM approval_policy WHERE id = :id")
                .bind("id", id)
                .map((row, meta) -> from(row))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("approval_policy", id)));
    }

    private Mono<Void> write(String sql, Policy policy) {
        var spec = db.sql(sql)
                .bind("id", policy.id())
                .bind("organization", policy.organizationId())
                .bind("quorum", policy.quorum())
                .bind("roles", policy.approverRoles().toArray(String[]::new))
                .bind("version", policy.version())
                .bind("now", policy.updatedAt());
        spec = policy.boardId() == null ? spec.bindNull("board", UUID.class) : spec.bind("board", policy.boardId());
        spec = policy.actionPattern() == null ? spec.bindNull("pattern", String.class)
                : spec.bind("pattern", policy.actionPattern());
        spec = policy.expirySeconds() == null ? spec.bindNull("expiry", Long.class)
                : spec.bind("expiry", policy.expirySeconds());
        spec = policy.autoRejectBelow() == null ? spec.bindNull("autoReject", Integer.class)
                : spec.bind("autoReject", policy.autoRejectBelow());
        return spec.then()
                .onErrorMap(DataIntegrityViolationException.class, e -> ApiException.conflict("policy_exists",
                        "The organization already has a policy for this board and action pattern"));
    }

    private static ApprovalPolicySet set(Policy policy) {
        return new ApprovalPolicySet(policy.id(), policy.organizationId(), policy.boardId(), policy.actionPattern(),
                policy.quorum(), policy.approverRoles(), policy.expirySeconds(), policy.autoRejectBelow(),
                policy.version());
    }

    private static Policy from(Row row) {
        return new Policy(row.get("id", UUID.class), row.get("organization_id", UUID.class),
                row.get("board_id", UUID.class), row.get("action_pattern", String.class),
                row.get("quorum", Integer.class), Arrays.asList(row.get("approver_roles", String[].class)),
                row.get("expiry_seconds", Long.class), row.get("auto_reject_below", Integer.class),
                row.get("version", Long.class), row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }
}

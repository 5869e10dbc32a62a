package io.missioncontrol.task.access;

import io.missioncontrol.contracts.organization.MembershipBound;
import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.tenancy.Memberships;
import java.time.Clock;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where a caller stands in an organization, in one indexed query per check: never a query per row of a list.
 *
 * <p>A member added by e-mail address only (an invitation) is found by the address the identity provider vouched for,
 * and bound to the person's subject on that first call: from then on it is an ordinary membership, found by subject.
 * The binding changes the organization's membership, so it takes the organization's row lock and publishes
 * {@code mc.membership.bound.v1}, like every other membership change.
 */
@Component
class MembershipLookup implements Memberships {

    /** The caller's own membership first, an invitation to their address second. */
    private static final String STANDING = """
            SELECT m.id AS member_id, m.role, (m.id IS NOT NULL AND m.subject IS NULL) AS pending
            FROM organization o
            LEFT JOIN LATERAL (
                SELECT id, role, subject FROM membership
                WHERE organization_id = o.id
                  AND (subject = :subject OR (subject IS NULL AND email = :email))
                ORDER BY subject IS NULL
                LIMIT 1) m ON TRUE
            WHERE o.id = :organizationId AND o.deleted_at IS NULL""";

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final Outbox outbox;
    private final Clock clock;

    MembershipLookup(DatabaseClient db, TransactionalOperator transactions, Outbox outbox, Clock clock) {
        this.db = db;
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Where a person stands: empty when the organization does not exist (or was deleted). */
    @Override
    public Mono<Standing> standing(UUID organizationId, Caller person) {
        var spec = db.sql(STANDING)
                .bind("organizationId", organizationId)
                .bind("subject", person.subject());
        spec = person.email() == null ? spec.bindNull("email", String.class) : spec.bind("email", person.email());
        return spec.map((row, meta) -> new Standing(
                        row.get("member_id", UUID.class),
                        row.get("role", String.class),
                        Boolean.TRUE.equals(row.get("pending", Boolean.class))))
                .one();
    }

    /** Whether the organization exists and was not deleted. */
    @Override
    public Mono<Boolean> isLive(UUID organizationId) {
        return db.sql("SELECT 1 FROM organization WHERE id = :id AND deleted_at IS NULL")
                .bind("id", organizationId)
                .map((row, meta) -> Boolean.TRUE)
                .one()
                .defaultIfEmpty(false);
    }

    /** Binds the invitation to the person, unless someone (a concurrent request of theirs) already did. */
    @Override
    public Mono<Void> bind(UUID organizationId, UUID memberId, Caller person) {
        return transactions.transactional(lockOrganization(organizationId)
                .then(db.sql("""
                                UPDATE membership SET subject = :subject, updated_at = :now
                                WHERE id = :id AND subject IS NULL
                                  AND NOT EXISTS (SELECT 1 FROM membership other
                                                  WHERE other.organization_id = :organizationId
                                                    AND other.subject = :subject)
                                RETURNING email, role""")
                        .bind("subject", person.subject())
                        .bind("now", clock.instant())
                        .bind("id", memberId)
                        .bind("organizationId", organizationId)
                        .map((row, meta) -> new Bound(row.get("email", String.class), row.get("role", String.class)))
                        .one())
                .flatMap(bound -> nextVersion(organizationId)
                        .flatMap(version -> outbox.append(new MembershipBound(organizationId, memberId,
                                person.subject(), bound.email(), bound.role(), version)))));
    }

    /**
     * Invitations to the person's address in any organization, for lists that span organizations; not those of an
     * organization the person already belongs to by subject (they stay unclaimed, for an admin to remove).
     */
    @Override
    public Flux<Invitation> invitations(Caller person) {
        if (person.email() == null) {
            return Flux.empty();
        }
        return db.sql("""
                        SELECT m.organization_id, m.id FROM membership m
                        JOIN organization o ON o.id = m.organization_id AND o.deleted_at IS NULL
                        WHERE m.subject IS NULL AND m.email = :email
                          AND NOT EXISTS (SELECT 1 FROM membership mine
                                          WHERE mine.organization_id = m.organization_id
                                            AND mine.subject = :subject)""")
                .bind("email", person.email())
                .bind("subject", person.subject())
                .map((row, meta) -> new Invitation(row.get("organization_id", UUID.class), row.get("id", UUID.class)))
                .all();
    }

    /** The live organizations the person belongs to, by subject or by an invitation to their address. */
    @Override
    public Flux<UUID> organizationsOf(Caller person) {
        var spec = db.sql("""
                        SELECT DISTINCT o.id FROM organization o
                        JOIN membership m ON m.organization_id = o.id
                        WHERE o.deleted_at IS NULL
                          AND (m.subject = :subject OR (m.subject IS NULL AND m.email = :email))""")
                .bind("subject", person.subject());
        spec = person.email() == null ? spec.bindNull("email", String.class) : spec.bind("email", person.email());
        return spec.map((row, meta) -> row.get("id", UUID.class)).all();
    }

    @Override
    public Flux<UUID> liveOrganizations() {
        return db.sql("SELECT id FROM organization WHERE deleted_at IS NULL")
                .map((row, meta) -> row.get("id", UUID.class))
                .all();
    }

    /** Membership changes of one organization take turns on its row, so their events follow commit order. */
    private Mono<Void> lockOrganization(UUID organizationId) {
        return db.sql("SELECT 1 FROM organization WHERE id = :id FOR UPDATE")
                .bind("id", organizationId)
                .map((row, meta) -> Boolean.TRUE)
                .all()
                .then();
    }

    /** Membership events carry the organization's version: one counter per event key, as consumers expect. */
    private Mono<Long> nextVersion(UUID organizationId) {
        return db.sql("UPDATE organization SET version = version + 1 WHERE id = :id RETURNING version")
                .bind("id", organizationId)
                .map((row, meta) -> row.get("version", Long.class))
                .one();
    }

    private record Bound(String email, String role) {
    }
}

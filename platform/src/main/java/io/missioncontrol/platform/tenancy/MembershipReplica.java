package io.missioncontrol.platform.tenancy;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.organization.MembershipAdded;
import io.missioncontrol.contracts.organization.MembershipBound;
import io.missioncontrol.contracts.organization.MembershipRemoved;
import io.missioncontrol.contracts.organization.MembershipRoleChanged;
import io.missioncontrol.contracts.organization.OrganizationCreated;
import io.missioncontrol.contracts.organization.OrganizationDeleted;
import io.missioncontrol.contracts.organization.OrganizationUpdated;
import io.missioncontrol.platform.security.Caller;
import java.util.Locale;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A service's own copy of the memberships task-service owns, built from {@code mc.organizations}: access checks read
 * it and never call task-service (ARCHITECTURE §4).
 *
 * <p>Every event of an organization (its own and its members') carries the organization's version and arrives in
 * order on one partition, so one number per organization is enough: an event not newer than the version held changes
 * nothing, whether Kafka redelivered it or someone replayed an old one.
 *
 * <p>A member known only by e-mail address (an invitation not bound yet) is found by the address the identity provider
 * vouched for and has its role: binding it is task-service's business, announced by {@code mc.membership.bound.v1},
 * so {@link #bind} does nothing here.
 */
public class MembershipReplica implements Memberships {

    private static final String STANDING = """
            SELECT m.member_id, m.role, (m.member_id IS NOT NULL AND m.subject IS NULL) AS pending
            FROM mc_replica_organization o
            LEFT JOIN LATERAL (
                SELECT member_id, role, subject FROM mc_replica_membership
                WHERE organization_id = o.id
                  AND (subject = :subject OR (subject IS NULL AND email = :email))
                ORDER BY subject IS NULL
                LIMIT 1) m ON TRUE
            WHERE o.id = :organizationId AND o.live""";

    private final DatabaseClient db;

    public MembershipReplica(DatabaseClient db) {
        this.db = db;
    }

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

    @Override
    public Mono<Boolean> isLive(UUID organizationId) {
        return db.sql("SELECT live FROM mc_replica_organization WHERE id = :id")
                .bind("id", organizationId)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("live", Boolean.class)))
                .one()
                .defaultIfEmpty(false);
    }

    /** task-service binds invitations; this copy learns of it from {@code mc.membership.bound.v1}. */
    @Override
    public Mono<Void> bind(UUID organizationId, UUID memberId, Caller person) {
        return Mono.empty();
    }

    @Override
    public Flux<Invitation> invitations(Caller person) {
        if (person.email() == null) {
            return Flux.empty();
        }
        return db.sql("""
                        SELECT m.organization_id, m.member_id FROM mc_replica_membership m
                        JOIN mc_replica_organization o ON o.id = m.organization_id AND o.live
                        WHERE m.subject IS NULL AND m.email = :email
                          AND NOT EXISTS (SELECT 1 FROM mc_replica_membership mine
                                          WHERE mine.organization_id = m.organization_id
                                            AND mine.subject = :subject)""")
                .bind("email", person.email())
                .bind("subject", person.subject())
                .map((row, meta) -> new Invitation(row.get("organization_id", UUID.class),
                        row.get("member_id", UUID.class)))
                .all();
    }

    @Override
    public Flux<UUID> organizationsOf(Caller person) {
        var spec = db.sql("""
                        SELECT DISTINCT o.id FROM mc_replica_organization o
                        JOIN mc_replica_membership m ON m.organization_id = o.id
                        WHERE o.live AND (m.subject = :subject OR (m.subject IS NULL AND m.email = :email))""")
                .bind("subject", person.subject());
        spec = person.email() == null ? spec.bindNull("email", String.class) : spec.bind("email", person.email());
        return spec.map((row, meta) -> row.get("id", UUID.class)).all();
    }

    @Override
    public Flux<UUID> liveOrganizations() {
        return db.sql("SELECT id FROM mc_replica_organization WHERE live")
                .map((row, meta) -> row.get("id", UUID.class))
                .all();
    }

    /**
     * Applies one event of {@code mc.organizations}, unless the organization's version held is already as new; other
     * events are none of the copy's business. Runs in the caller's transaction (the inbox's).
     */
    public Mono<Void> apply(DomainEvent event) {
        if (event instanceof OrganizationCreated || event instanceof OrganizationUpdated) {
            return advance(event).then();
        }
        if (event instanceof OrganizationDeleted) {
            UUID organizationId = event.tenant();
            return advance(event).flatMap(newer -> db.sql("DELETE FROM mc_replica_membership WHERE organization_id = :id")
                            .bind("id", organizationId).then()
                            .then(db.sql("UPDATE mc_replica_organization SET live = FALSE WHERE id = :id")
                                    .bind("id", organizationId).then()))
                    .then();
        }
        if (event instanceof MembershipAdded added) {
            return advance(event).flatMap(newer -> upsert(added.organizationId(), added.memberId(),
                    added.userSubject(), added.email(), added.role()));
        }
        if (event instanceof MembershipRoleChanged changed) {
            return advance(event).flatMap(newer -> upsert(changed.organizationId(), changed.memberId(),
                    changed.userSubject(), changed.email(), changed.role()));
        }
        if (event instanceof MembershipBound bound) {
            return advance(event).flatMap(newer -> upsert(bound.organizationId(), bound.memberId(),
                    bound.userSubject(), bound.email(), bound.role()));
        }
        if (event instanceof MembershipRemoved removed) {
            return advance(event).flatMap(newer -> db.sql("""
                            DELETE FROM mc_replica_membership
                            WHERE organization_id = :organizationId AND member_id = :memberId""")
                    .bind("organizationId", removed.organizationId())
                    .bind("memberId", removed.memberId())
                    .then());
        }
        return Mono.empty();
    }

    /**
     * Moves the organization's version to the event's: a value when the event is newer than what is held (or the
     * organization was unknown), empty when it is not and must be ignored. A deleted organization stays deleted.
     */
    private Mono<Boolean> advance(DomainEvent event) {
        return db.sql("""
                        INSERT INTO mc_replica_organization (id, live, version) VALUES (:id, TRUE, :version)
                        ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version
                        WHERE mc_replica_organization.version < EXCLUDED.version AND mc_replica_organization.live
                        RETURNING id""")
                .bind("id", event.tenant())
                .bind("version", event.aggregateVersion())
                .map((row, meta) -> Boolean.TRUE)
                .one();
    }

    /** Every membership event carries the member's whole state, so added, role-changed and bound all write it. */
    private Mono<Void> upsert(UUID organizationId, UUID memberId, String subject, String email, String role) {
        var spec = db.sql("""
                        INSERT INTO mc_replica_membership (organization_id, member_id, subject, email, role)
                        VALUES (:organizationId, :memberId, :subject, :email, :role)
                        ON CONFLICT (organization_id, member_id)
                        DO UPDATE SET subject = EXCLUDED.subject, email = EXCLUDED.email, role = EXCLUDED.role""")
                .bind("organizationId", organizationId)
                .bind("memberId", memberId)
                .bind("role", role);
        spec = subject == null ? spec.bindNull("subject", String.class) : spec.bind("subject", subject);
        spec = email == null ? spec.bindNull("email", String.class)
                : spec.bind("email", email.strip().toLowerCase(Locale.ROOT));
        return spec.then();
    }
}

package io.missioncontrol.task.organization;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Deleted organizations are invisible to every query here; only their rows remain. */
interface OrganizationRepository extends ReactiveCrudRepository<Organization, UUID> {

    @Query("SELECT * FROM organization WHERE id = :id AND deleted_at IS NULL")
    Mono<Organization> findLive(UUID id);

    /** Takes the organization's row lock: changes of it and of its membership take turns. */
    @Query("SELECT * FROM organization WHERE id = :id AND deleted_at IS NULL FOR UPDATE")
    Mono<Organization> lockLive(UUID id);

    @Query("""
            SELECT * FROM organization WHERE deleted_at IS NULL AND (created_at, id) < (:before, :beforeId)
            ORDER BY created_at DESC, id DESC LIMIT :limit""")
    Flux<Organization> findPage(Instant before, UUID beforeId, int limit);

    @Query("""
            SELECT * FROM organization WHERE id = :id AND deleted_at IS NULL AND (created_at, id) < (:before, :beforeId)
            ORDER BY created_at DESC, id DESC LIMIT :limit""")
    Flux<Organization> findPageOf(UUID id, Instant before, UUID beforeId, int limit);

    /** The organizations a person is a member of. */
    @Query("""
            SELECT o.* FROM organization o JOIN membership m ON m.organization_id = o.id
            WHERE m.subject = :subject AND o.deleted_at IS NULL AND (o.created_at, o.id) < (:before, :beforeId)
            ORDER BY o.created_at DESC, o.id DESC LIMIT :limit""")
    Flux<Organization> findPageOfMember(String subject, Instant before, UUID beforeId, int limit);
}

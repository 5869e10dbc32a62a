package io.missioncontrol.task.organization;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Members are inserted and updated through {@code R2dbcEntityTemplate}: they have no version column, so
 * {@code save} could not tell a new member from a changed one.
 */
interface MemberRepository extends ReactiveCrudRepository<Member, UUID> {

    @Query("SELECT * FROM membership WHERE id = :id AND organization_id = :organizationId")
    Mono<Member> findInOrganization(UUID id, UUID organizationId);

    @Query("SELECT count(*) FROM membership WHERE organization_id = :organizationId AND role = 'owner'")
    Mono<Long> countOwners(UUID organizationId);

    /** Whether the person is a member already, by subject or by address (either may be null). */
    @Query("""
            SELECT EXISTS (SELECT 1 FROM membership WHERE organization_id = :organizationId
                           AND (subject = CAST(:subject AS TEXT) OR email = CAST(:email AS TEXT)))""")
    Mono<Boolean> existsPerson(UUID organizationId, String subject, String email);

    @Query("""
            SELECT * FROM membership WHERE organization_id = :organizationId AND (created_at, id) < (:before, :beforeId)
            ORDER BY created_at DESC, id DESC LIMIT :limit""")
    Flux<Member> findPage(UUID organizationId, Instant before, UUID beforeId, int limit);
}

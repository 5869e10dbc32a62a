package io.missioncontrol.task.organization;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;

interface OrganizationRepository extends ReactiveCrudRepository<Organization, UUID> {

    @Query("""
            SELECT * FROM organization WHERE (created_at, id) < (:before, :beforeId)
            ORDER BY created_at DESC, id DESC LIMIT :limit""")
    Flux<Organization> findPage(Instant before, UUID beforeId, int limit);

    @Query("""
            SELECT * FROM organization WHERE id = :id AND (created_at, id) < (:before, :beforeId)
            ORDER BY created_at DESC, id DESC LIMIT :limit""")
    Flux<Organization> findPageOf(UUID id, Instant before, UUID beforeId, int limit);
}

package io.missioncontrol.task.tags;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

interface TagRepository extends ReactiveCrudRepository<Tag, UUID> {

    @Query("""
            SELECT * FROM tag WHERE organization_id = :organizationId AND (created_at, id) < (:before, :beforeId)
            ORDER BY created_at DESC, id DESC LIMIT :limit""")
    Flux<Tag> findPage(UUID organizationId, Instant before, UUID beforeId, int limit);

    /** The tag, locked against concurrent edits and deletion until the transaction ends. */
    @Query("SELECT * FROM tag WHERE id = :id FOR UPDATE")
    Mono<Tag> lock(UUID id);
}

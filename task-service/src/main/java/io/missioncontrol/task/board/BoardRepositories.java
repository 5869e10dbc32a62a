package io.missioncontrol.task.board;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

interface BoardGroupRepository extends ReactiveCrudRepository<BoardGroup, UUID> {

    @Query("""
            SELECT * FROM board_group WHERE organization_id = :organizationId AND archived_at IS NULL AND (created_at, id) < (:before, :beforeId)
            ORDER BY created_at DESC, id DESC LIMIT :limit""")
    Flux<BoardGroup> findPage(UUID organizationId, Instant before, UUID beforeId, int limit);

    /** The group unless it was archived (decision 0011): an archived group is gone as far as the API is concerned. */
    @Query("SELECT * FROM board_group WHERE id = :id AND archived_at IS NULL")
    Mono<BoardGroup> findLive(UUID id);
}

interface BoardRepository extends ReactiveCrudRepository<Board, UUID> {

    @Query("""
            SELECT * FROM board WHERE organization_id = :organizationId AND archived_at IS NULL
              AND (CAST(:boardGroupId AS UUID) IS NULL OR board_group_id = :boardGroupId)
              AND (created_at, id) < (:before, :beforeId)
            ORDER BY created_at DESC, id DESC LIMIT :limit""")
    Flux<Board> findPage(UUID organizationId, UUID boardGroupId, Instant before, UUID beforeId, int limit);

    /** The board unless it was archived (decision 0011). */
    @Query("SELECT * FROM board WHERE id = :id AND archived_at IS NULL")
    Mono<Board> findLive(UUID id);
}

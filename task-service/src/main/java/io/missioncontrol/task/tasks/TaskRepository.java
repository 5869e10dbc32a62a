package io.missioncontrol.task.tasks;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;

interface TaskRepository extends ReactiveCrudRepository<Task, UUID> {

    @Query("""
            SELECT * FROM task WHERE organization_id = :organizationId
              AND (CAST(:boardId AS UUID) IS NULL OR board_id = :boardId)
              AND (CAST(:status AS TEXT) IS NULL OR status = :status)
              AND (created_at, id) < (:before, :beforeId)
            ORDER BY created_at DESC, id DESC LIMIT :limit""")
    Flux<Task> findPage(UUID organizationId, UUID boardId, String status, Instant before, UUID beforeId, int limit);
}

package io.missioncontrol.task.tasks;

import java.util.UUID;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Mono;

/** Inserts and plain reads; everything that locks, compares versions or builds a query lives in {@link TaskStore}. */
interface TaskRepository extends ReactiveCrudRepository<Task, UUID> {

    /** The task unless its board was archived (decision 0011): such tasks answer 404 like deleted ones. */
    @Query("SELECT t.* FROM task t JOIN board b ON b.id = t.board_id WHERE t.id = :id AND b.archived_at IS NULL")
    Mono<Task> findLive(UUID id);
}

package io.missioncontrol.task.tasks;

import java.util.UUID;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

/** Inserts and plain reads; everything that locks, compares versions or builds a query lives in {@link TaskStore}. */
interface TaskRepository extends ReactiveCrudRepository<Task, UUID> {
}

package io.missioncontrol.task.tags;

import java.time.Instant;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * The tasks' side of deleting a tag: each task that carries it loses it as a change of its own (new version, an
 * event on its board). Implemented by the task service, which owns the task aggregate; an interface here so that the
 * tag service need not know tasks.
 */
public interface TaggedTasks {

    /** Takes the tag off every task that carries it, in the caller's transaction. */
    Mono<Void> untag(UUID tagId, String by, Instant now);
}

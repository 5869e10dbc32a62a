package io.missioncontrol.task.tasks;

import io.missioncontrol.platform.web.ApiException;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * The board's governance, asked by the lifecycle before a status change or an assignment is stored. It lives with the
 * boards (their flags are its rules); this interface keeps the task package from depending on how it decides.
 */
public interface TaskGovernance {

    /**
     * A change the lifecycle is about to store. {@code taskId} is null for a task being created, whose {@code from}
     * is null; {@code from == to} when the status does not change.
     */
    record Move(UUID taskId, UUID organizationId, UUID boardId, TaskStatus from, TaskStatus to, UUID agentBefore,
                UUID agentAfter) {

        /** A new task starting in {@code todo} is no status change; one starting further along is one. */
        public boolean changesStatus() {
            return from == null ? to != TaskStatus.TODO : from != to;
        }

        public boolean changesAgent() {
            return agentAfter != null && !agentAfter.equals(agentBefore);
        }
    }

    /** Completes empty when the board allows the move; errors with a 409 and a stable code when it does not. */
    Mono<Void> check(Move move);

    /**
     * Called after a refused write has rolled back, in a transaction of its own: what a refusal must leave behind
     * even though the write it refused left nothing (an approval request).
     */
    Mono<Void> refused(UUID taskId, ApiException refusal);
}

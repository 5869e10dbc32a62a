package io.missioncontrol.task.agents;

import io.missioncontrol.task.tasks.TaskClaims;
import io.missioncontrol.task.tasks.TaskView;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/boards/{id}/claim}: an agent asks for the board's next task. The answer is the task, now assigned
 * to it (200, with the task's ETag), or 404 {@code no_task_available}: a problem rather than a 204, so the agent
 * learns why in the same words every other refusal uses, and a 404 for the board itself is told apart by its code.
 */
@RestController
class ClaimController {

    private final TaskClaims claims;

    ClaimController(TaskClaims claims) {
        this.claims = claims;
    }

    @PostMapping("/api/boards/{id}/claim")
    Mono<ResponseEntity<TaskView>> claim(@PathVariable UUID id) {
        return claims.claim(id).map(view -> ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view));
    }
}

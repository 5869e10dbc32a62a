package io.missioncontrol.task.board;

import io.missioncontrol.task.tasks.TaskService;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Where a task stands with approvals, for clients that want to show it (or wait for a decision). */
@RestController
class ApprovalController {

    private final TaskService tasks;
    private final Governance governance;

    ApprovalController(TaskService tasks, Governance governance) {
        this.tasks = tasks;
        this.governance = governance;
    }

    /** {@code state} is none, pending, approved or rejected; the other fields are null until a decision. */
    @GetMapping("/api/tasks/{id}/approval")
    Mono<Governance.ApprovalView> approval(@PathVariable UUID id) {
        return tasks.get(id).then(governance.approval(id));
    }
}

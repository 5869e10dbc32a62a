package io.missioncontrol.registry.dispatch;

import io.missioncontrol.platform.web.Page;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Executions as dispatch decided them: read-only, newest first. */
@RestController
@RequestMapping("/api/executions")
class ExecutionController {

    private final Dispatcher dispatcher;

    ExecutionController(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @GetMapping("/{id}")
    Mono<ExecutionView> get(@PathVariable UUID id) {
        return dispatcher.get(id).map(ExecutionView::of);
    }

    @GetMapping
    Mono<Page<ExecutionView>> list(@RequestParam("organization_id") UUID organizationId,
                                   @RequestParam(name = "task_id", required = false) UUID taskId,
                                   @RequestParam(required = false) Integer limit,
                                   @RequestParam(required = false) String cursor) {
        return dispatcher.list(organizationId, taskId, cursor, limit)
                .map(page -> new Page<>(page.items().stream().map(ExecutionView::of).toList(), page.nextCursor()));
    }

    record ExecutionView(UUID id, UUID organizationId, UUID taskId, UUID boardId, UUID agentId, String title,
                         List<String> requiredCapabilities, UUID approvalId, String status, Runtime runtime,
                         String reason, String detail, Instant createdAt, Instant updatedAt, long version) {

        record Runtime(UUID id, String name) {
        }

        static ExecutionView of(Execution e) {
            return new ExecutionView(e.id(), e.organizationId(), e.taskId(), e.boardId(), e.agentId(), e.title(),
                    e.requiredCapabilities(), e.approvalId(), e.status(),
                    e.runtimeId() == null ? null : new Runtime(e.runtimeId(), e.runtimeName()), e.reason(), e.detail(),
                    e.createdAt(), e.updatedAt(), e.version());
        }
    }
}

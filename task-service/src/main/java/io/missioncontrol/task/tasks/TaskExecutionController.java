package io.missioncontrol.task.tasks;

import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/tasks/{id}/execute}: 202 with {@code {"execution_id": ...}}; the outcome is registry-service's
 * {@code GET /api/executions/{id}} and the {@code mc.executions} events.
 */
@RestController
@RequestMapping("/api/tasks")
class TaskExecutionController {

    private final TaskExecutions executions;

    TaskExecutionController(TaskExecutions executions) {
        this.executions = executions;
    }

    @PostMapping("/{id}/execute")
    Mono<ResponseEntity<Map<String, UUID>>> execute(@PathVariable UUID id) {
        return executions.execute(id).map(execution -> ResponseEntity.accepted()
                .header("Location", "/api/executions/" + execution).body(Map.of("execution_id", execution)));
    }
}

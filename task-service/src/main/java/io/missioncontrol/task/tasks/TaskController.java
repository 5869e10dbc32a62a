package io.missioncontrol.task.tasks;

import io.missioncontrol.platform.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final TaskService tasks;

    TaskController(TaskService tasks) {
        this.tasks = tasks;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<TaskView> create(@Valid @RequestBody CreateTask request) {
        return tasks.create(request.boardId(), request.title().strip(), request.description(),
                        request.status() == null ? TaskStatus.TODO : request.status(),
                        request.priority() == null ? TaskPriority.MEDIUM : request.priority(),
                        request.assignedAgentId())
                .map(TaskView::of);
    }

    @GetMapping("/{id}")
    Mono<TaskView> get(@PathVariable UUID id) {
        return tasks.get(id).map(TaskView::of);
    }

    @GetMapping
    Mono<Page<TaskView>> list(@RequestParam("organization_id") UUID organizationId,
                              @RequestParam(name = "board_id", required = false) UUID boardId,
                              @RequestParam(required = false) String status,
                              @RequestParam(required = false) Integer limit,
                              @RequestParam(required = false) String cursor) {
        return tasks.list(organizationId, boardId, status == null ? null : TaskStatus.parameter(status),
                        Page.limit(limit), Page.Cursor.decode(cursor))
                .map(page -> new Page<>(page.items().stream().map(TaskView::of).toList(), page.nextCursor()));
    }

    record CreateTask(@NotNull UUID boardId, @NotBlank @Size(max = 300) String title,
                      @Size(max = 20000) String description, TaskStatus status, TaskPriority priority,
                      UUID assignedAgentId) {
    }
}

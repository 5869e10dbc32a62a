package io.missioncontrol.task.tasks;

import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The task API. Every answer that shows one task carries its version as the entity tag ({@code ETag: "3"}); a
 * change sent with {@code If-Match} applies only to that version.
 */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    static final int MAX_DEPENDENCIES = 100;
    static final int MAX_TAGS = 50;

    /** The {@code assigned_agent_id} filter value that names the calling agent. */
    static final String ME = "me";

    private final TaskService tasks;
    private final TaskGovernance governance;

    TaskController(TaskService tasks, TaskGovernance governance) {
        this.tasks = tasks;
        this.governance = governance;
    }

    @PostMapping
    Mono<ResponseEntity<TaskView>> create(@Valid @RequestBody CreateTask request) {
        return tasks.create(new TaskService.NewTask(request.boardId(), request.title().strip(), request.description(),
                        request.status() == null ? TaskStatus.TODO : request.status(),
                        request.priority() == null ? TaskPriority.MEDIUM : request.priority(),
                        request.assignedAgentId(),
                        // Microseconds: what PostgreSQL keeps, so the answer and every later read agree.
                        request.dueDate() == null ? null : request.dueDate().truncatedTo(ChronoUnit.MICROS),
                        request.dependencies(), request.tags()))
                .map(view -> ResponseEntity.created(URI.create("/api/tasks/" + view.id())).eTag(etag(view)).body(view));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<TaskView>> get(@PathVariable UUID id) {
        return tasks.get(id).map(TaskController::ok);
    }

    /** A partial update: see {@link TaskPatch} for absent and null fields. */
    @PatchMapping("/{id}")
    Mono<ResponseEntity<TaskView>> patch(@PathVariable UUID id, @RequestBody JsonNode body,
                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        // The patch's transaction has rolled back when a refusal arrives here; governance may still need to record it.
        return tasks.patch(id, TaskPatch.parse(body), IfMatch.parse(ifMatch)).map(TaskController::ok)
                .onErrorResume(ApiException.class, refusal -> governance.refused(id, refusal).then(Mono.error(refusal)));
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable UUID id,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return tasks.delete(id, IfMatch.parse(ifMatch)).thenReturn(ResponseEntity.noContent().build());
    }

    /** Replaces the task's dependencies with the given list (which may be empty). */
    @PutMapping("/{id}/dependencies")
    Mono<ResponseEntity<TaskView>> replaceDependencies(@PathVariable UUID id, @Valid @RequestBody Dependencies body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return tasks.replaceDependencies(id, body.dependencies(), IfMatch.parse(ifMatch)).map(TaskController::ok);
    }

    /** Replaces the task's tags with the given list (which may be empty); tags of another organization are 422. */
    @PutMapping("/{id}/tags")
    Mono<ResponseEntity<TaskView>> replaceTags(@PathVariable UUID id, @Valid @RequestBody Tags body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return tasks.replaceTags(id, body.tags(), IfMatch.parse(ifMatch)).map(TaskController::ok);
    }

    @GetMapping
    Mono<Page<TaskView>> list(@RequestParam(name = "organization_id", required = false) UUID organizationId,
                              @RequestParam(name = "board_id", required = false) UUID boardId,
                              @RequestParam(required = false) String status,
                              @RequestParam(required = false) String priority,
                              @RequestParam(name = "assigned_agent_id", required = false) String assignedAgentId,
                              @RequestParam(required = false) String q,
                              @RequestParam(name = "tag", required = false) List<UUID> tags,
                              @RequestParam(required = false) String sort,
                              @RequestParam(required = false) Integer limit,
                              @RequestParam(required = false) String cursor) {
        // Every parameter is checked before any is refused, so one answer lists all the mistakes.
        List<Map<String, String>> errors = new ArrayList<>();
        TaskStatus statusFilter = collect(errors, () -> status == null ? null : TaskStatus.parameter(status));
        TaskPriority priorityFilter = collect(errors, () -> priority == null ? null : TaskPriority.parameter(priority));
        boolean me = ME.equals(assignedAgentId);
        UUID agentFilter = collect(errors, () -> assignedAgentId == null || me ? null
                : uuid("assigned_agent_id", assignedAgentId));
        String text = collect(errors, () -> text(q));
        TaskOrder order = collect(errors, () -> TaskOrder.parameter(sort));
        if (!errors.isEmpty()) {
            throw TaskProblems.invalidParameters(errors);
        }
        int size = Page.limit(limit);
        TaskOrder.Cursor after = order.decode(cursor);
        return (me ? callingAgent() : Mono.justOrEmpty(agentFilter))
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .zipWith(organization(organizationId))
                .flatMap(found -> tasks.list(new TaskFilter(found.getT2(), boardId, statusFilter, priorityFilter,
                        found.getT1().orElse(null), text, tags), order, after, size));
    }

    /**
     * The organization to list: the one named, else the calling agent's own, since an agent's key belongs to exactly
     * one and {@code ?assigned_agent_id=me} alone is what an agent asks. People must name one.
     */
    private static Mono<UUID> organization(UUID named) {
        if (named != null) {
            return Mono.just(named);
        }
        return Caller.current()
                .mapNotNull(Caller::organizationId)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.BAD_REQUEST, "missing_parameter",
                        "Required query parameter 'organization_id' is not present",
                        Map.of("errors", List.of(Map.of("field", "organization_id", "message", "is required"))))));
    }

    /** {@code assigned_agent_id=me}: the calling agent's own tasks; it means nothing for people. */
    private static Mono<UUID> callingAgent() {
        return Caller.current()
                .filter(caller -> caller.kind() == Caller.Kind.AGENT)
                .map(caller -> UUID.fromString(caller.subject()))
                .switchIfEmpty(Mono.error(() -> TaskProblems.invalidParameter("assigned_agent_id",
                        "'me' is only for agents; people filter by the agent's id")));
    }

    record CreateTask(@NotNull UUID boardId, @NotBlank @Size(max = TaskPatch.TITLE_MAX) String title,
                      @Size(max = TaskPatch.DESCRIPTION_MAX) String description, TaskStatus status,
                      TaskPriority priority, UUID assignedAgentId, Instant dueDate,
                      @Size(max = MAX_DEPENDENCIES) List<@NotNull UUID> dependencies,
                      @Size(max = MAX_TAGS) List<@NotNull UUID> tags) {
    }

    record Tags(@NotNull @Size(max = MAX_TAGS) List<@NotNull UUID> tags) {
    }

    record Dependencies(@NotNull @Size(max = MAX_DEPENDENCIES) List<@NotNull UUID> dependencies) {
    }

    private static ResponseEntity<TaskView> ok(TaskView view) {
        return ResponseEntity.ok().eTag(etag(view)).body(view);
    }

    /** The version, quoted: {@code "3"}. */
    static String etag(TaskView view) {
        return "\"" + view.version() + "\"";
    }

    private static String text(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        if (q.length() > TaskFilter.TEXT_MAX) {
            throw TaskProblems.invalidParameter("q", "must be at most " + TaskFilter.TEXT_MAX + " characters");
        }
        return q.strip();
    }

    private static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw TaskProblems.invalidParameter(name, "must be a UUID");
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T collect(List<Map<String, String>> errors, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ApiException e) {
            errors.addAll((List<Map<String, String>>) e.properties().getOrDefault("errors", List.of()));
            return null;
        }
    }
}

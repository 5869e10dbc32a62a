package io.missioncontrol.task.tasks;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import io.missioncontrol.platform.tenancy.TenantAccess;
import io.missioncontrol.task.agents.KnownAgents;
import io.missioncontrol.task.board.Board;
import io.missioncontrol.task.board.BoardService;
import io.missioncontrol.task.organization.OrganizationService;
import io.missioncontrol.task.tags.TagService;
import io.missioncontrol.task.tags.TaggedTasks;
import io.missioncontrol.task.tasks.Task.Change;
import io.missioncontrol.task.tasks.Task.Dependency;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tasks: creation, reads and lists, and the lifecycle (docs/task-lifecycle.md). The rules are {@link Task}'s; this
 * class loads what they need, takes the locks {@link TaskStore} describes, stores the result and appends its events
 * to the outbox in the same transaction.
 */
@Service
public class TaskService implements TaggedTasks {

    private final TaskRepository tasks;
    private final TaskStore store;
    private final BoardService boards;
    private final TenantAccess access;
    private final TagService tags;
    private final KnownAgents agents;
    private final Outbox outbox;
    private final TaskGovernance governance;
    private final Clock clock;

    TaskService(TaskRepository tasks, TaskStore store, BoardService boards, TenantAccess access, TagService tags,
                KnownAgents agents, Outbox outbox, TaskGovernance governance, Clock clock) {
        this.tags = tags;
        this.governance = governance;
        this.tasks = tasks;
        this.store = store;
        this.boards = boards;
        this.access = access;
        this.agents = agents;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A task to create, as the API asked for it (defaults applied). */
    record NewTask(UUID boardId, String title, String description, TaskStatus status, TaskPriority priority,
                   UUID assignedAgentId, Instant dueDate, List<UUID> dependencies, List<UUID> tags) {

        NewTask {
            dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    /** The board a task is created on, once the caller may write there, and who creates it. */
    private record Creator(Board board, String by) {
    }

    /** A task locked for a change, who changes it, and when. */
    private record Editing(Task task, Caller caller, String by, Instant now) {
    }

    @Transactional
    Mono<TaskView> create(NewTask request) {
        return boards.getBoard(request.boardId())
                .flatMap(board -> access.requireWrite(board.organizationId(), "board", board.id())
                        .map(caller -> {
                            AgentLimits.checkCreate(caller);
                            return new Creator(board, caller.subject());
                        }))
                .onErrorMap(e -> e instanceof ApiException api && "not_found".equals(api.code()),
                        e -> OrganizationService.unknownReference("board_id", "board", request.boardId()))
                .flatMap(creator -> create(creator.board(), request, creator.by(), clock.instant()));
    }

    private Mono<TaskView> create(Board board, NewTask request, String by, Instant now) {
        List<UUID> dependencies = distinct(request.dependencies());
        // A new task has no dependents, so it closes no cycle; the lock keeps a dependency from being reopened
        // between the check below and the commit, which could leave a new task at work on an unfinished one.
        Mono<Void> lock = dependencies.isEmpty() ? Mono.empty() : store.lockGraph(board.organizationId());
        TaskGovernance.Move move = new TaskGovernance.Move(null, board.organizationId(), board.id(), null,
                request.status(), null, request.assignedAgentId());
        Mono<Void> assignable = request.assignedAgentId() == null ? Mono.empty()
                : agents.requireAssignable(board.organizationId(), request.assignedAgentId());
        return assignable.then(lock).then(governance.check(move))
                .then(store.findInOrganization(board.organizationId(), dependencies))
                .zipWith(tags.requireKnown(board.organizationId(), request.tags()))
                .flatMap(found -> {
                    List<Dependency> known = requireKnown(request.dependencies(), found.getT1());
                    return tasks.save(Task.create(board.organizationId(), board.id(), request.title(),
                            request.description(), request.status(), request.priority(), request.assignedAgentId(),
                            request.dueDate(), known, by, now)).zipWith(Mono.just(found.getT2()));
                })
                .flatMap(saved -> {
                    Task task = saved.getT1();
                    // Tags given at creation are a second step (version 1) with their own event, so mc.task.created.v1
                    // keeps its shape and every consumer learns a task's tags from one event type.
                    Change tagged = task.retag(List.of(), saved.getT2(), by, now);
                    Mono<Void> tagging = tagged.isEmpty() ? Mono.empty()
                            : tags.replaceTags(task.id(), saved.getT2()).then(store.update(tagged.task(), task.version()));
                    return store.addDependencies(task, dependencies, by, now)
                            .then(tagging)
                            .then(outbox.append(task.created(dependencies)))
                            .then(append(tagged.events()))
                            .then(view(tagged.task()));
                });
    }

    public Mono<TaskView> get(UUID id) {
        return readable(id).flatMap(this::view);
    }

    /** Changes the fields the patch names; see {@link Task#edit}. A status change may reopen dependents' work. */
    @Transactional
    Mono<TaskView> patch(UUID id, TaskPatch patch, IfMatch ifMatch) {
        boolean statusChange = patch.status() != null;
        return editable(id, statusChange, false, ifMatch).flatMap(editing -> mayChange(editing.caller(),
                editing.task(), statusChange).then(Mono.defer(() -> {
            Task before = editing.task();
            Mono<List<Dependency>> dependencies = statusChange && patch.status().value() == TaskStatus.IN_PROGRESS
                    ? store.dependenciesOf(id) : Mono.just(List.of());
            UUID newAgent = patch.assignedAgentId() == null ? null : patch.assignedAgentId().value();
            // Only a new assignee is checked: a task keeps the agent it has even after the agent retires.
            // An agent's reassignment is refused below, whoever the new agent is.
            Mono<Void> assignable = newAgent == null || newAgent.equals(before.assignedAgentId())
                    || AgentLimits.isAgent(editing.caller()) ? Mono.empty()
                    : agents.requireAssignable(before.organizationId(), newAgent);
            return assignable.then(dependencies).flatMap(known -> {
                Change change = before.edit(patch, known, editing.by(), editing.now());
                AgentLimits.checkStatusOnly(editing.caller(), change);
                if (change.isEmpty()) {
                    return view(before);
                }
                Mono<List<DomainEvent>> cascade = before.reopenedIn(change.task())
                        ? reopenDependents(before.id(), editing) : Mono.just(List.of());
                TaskGovernance.Move move = new TaskGovernance.Move(before.id(), before.organizationId(),
                        before.boardId(), before.state(), change.task().state(), before.assignedAgentId(),
                        change.task().assignedAgentId());
                return governance.check(move)
                        .then(store.update(change.task(), before.version()))
                        .then(cascade)
                        .flatMap(cascaded -> append(change.events()).then(append(cascaded)))
                        .then(view(change.task()));
            });
        })));
    }

    /**
     * An agent moves the tasks assigned to it; the lead agent of a board moves any task of that board (its status only,
     * like every agent). People pass; their rights come from their roles.
     */
    private Mono<Void> mayChange(Caller caller, Task task, boolean statusChange) {
        if (!AgentLimits.isAgent(caller) || AgentLimits.owns(caller, task)) {
            return Mono.empty();
        }
        if (!statusChange) {
            return Mono.error(AgentLimits.notAssigned(task));
        }
        return boards.getBoardToWrite(task.boardId())
                .filter(board -> AgentLimits.leads(caller, board.leadAgentId()))
                .switchIfEmpty(Mono.error(() -> AgentLimits.notAssigned(task)))
                .then();
    }

    /**
     * A reopened task sends the work that assumed it finished back to {@code todo}, in the same transaction. One
     * level is enough: a dependent at work or in review had all its dependencies done, so its own dependents cannot
     * be at work or in review (they would be waiting for it).
     */
    private Mono<List<DomainEvent>> reopenDependents(UUID reopened, Editing editing) {
        return store.lockDependents(reopened, true)
                .concatMap(dependent -> {
                    Change change = dependent.dependencyReopened(reopened, editing.by(), editing.now());
                    return store.update(change.task(), dependent.version()).thenReturn(change.events());
                })
                .collectList()
                .map(TaskService::flatten);
    }

    /** Replaces the task's dependencies with {@code requested} (PUT semantics: the list is the whole new set). */
    @Transactional
    Mono<TaskView> replaceDependencies(UUID id, List<UUID> requested, IfMatch ifMatch) {
        List<UUID> wanted = distinct(requested);
        return editable(id, true, false, ifMatch).flatMap(editing -> {
            AgentLimits.checkPlanning(editing.caller(), "change dependencies");
            Task task = editing.task();
            UUID organization = task.organizationId();
            return store.findInOrganization(organization, wanted)
                    .map(found -> requireKnown(requested, found))
                    .flatMap(known -> store.graphOf(organization)
                            .flatMap(graph -> graph.cycleThrough(id, wanted)
                                    .map(cycle -> Mono.<List<Dependency>>error(TaskProblems.dependencyCycle(cycle)))
                                    .orElseGet(() -> store.dependenciesOf(id)))
                            .flatMap(current -> {
                                Change change = task.replaceDependencies(current, known, editing.by(), editing.now());
                                if (change.isEmpty()) {
                                    return view(task);
                                }
                                Set<UUID> currentIds = current.stream().map(Dependency::id).collect(Collectors.toSet());
                                List<UUID> added = wanted.stream().filter(d -> !currentIds.contains(d)).toList();
                                List<UUID> removed = currentIds.stream().filter(d -> !wanted.contains(d)).toList();
                                return store.removeDependencies(id, removed)
                                        .then(store.addDependencies(task, added, editing.by(), editing.now()))
                                        .then(store.update(change.task(), task.version()))
                                        .then(append(change.events()))
                                        .then(view(change.task()));
                            }));
        });
    }

    /** Replaces the task's tags with {@code requested} (PUT semantics: the list is the whole new set). */
    @Transactional
    Mono<TaskView> replaceTags(UUID id, List<UUID> requested, IfMatch ifMatch) {
        return editable(id, false, false, ifMatch).flatMap(editing -> {
            AgentLimits.checkPlanning(editing.caller(), "change the tags of tasks");
            Task task = editing.task();
            return tags.requireKnown(task.organizationId(), requested)
                    .zipWith(tags.tagIdsOf(id))
                    .flatMap(known -> {
                        Change change = task.retag(known.getT2(), known.getT1(), editing.by(), editing.now());
                        if (change.isEmpty()) {
                            return view(task);
                        }
                        return tags.replaceTags(id, known.getT1())
                                .then(store.update(change.task(), task.version()))
                                .then(append(change.events()))
                                .then(view(change.task()));
                    });
        });
    }

    /** A tag is being deleted: each task carrying it loses it, as its own step, in the tag's transaction. */
    @Override
    public Mono<Void> untag(UUID tagId, String by, Instant now) {
        return store.lockTagged(tagId)
                .concatMap(task -> tags.tagIdsOf(task.id()).flatMap(current -> {
                    List<UUID> rest = current.stream().filter(tag -> !tag.equals(tagId)).toList();
                    Change change = task.retag(current, rest, by, now);
                    return tags.replaceTags(task.id(), rest)
                            .then(store.update(change.task(), task.version()))
                            .then(append(change.events()));
                }))
                .then();
    }

    /**
     * A board is being archived or purged: tasks on other boards that depend on its tasks lose those dependencies,
     * each with {@code mc.task.dependency-removed.v1} naming the reason, so that none of them waits for work nobody
     * can see any more. Runs in the board's transaction, after the board's row lock.
     */
    public Mono<Void> releaseDependentsOf(UUID boardId, String reason, String by, Instant now) {
        return store.lockDependentsElsewhere(boardId)
                .flatMapMany(byTask -> Flux.fromIterable(byTask.entrySet()))
                .concatMap(entry -> {
                    Task dependent = entry.getKey();
                    Change change = null;
                    for (Dependency gone : entry.getValue()) {
                        change = change == null ? dependent.dependencyWithdrawn(gone, reason, by, now)
                                : change.then(task -> task.dependencyWithdrawn(gone, reason, by, now));
                    }
                    List<UUID> goneIds = entry.getValue().stream().map(Dependency::id).toList();
                    Change done = change;
                    return store.removeDependencies(dependent.id(), goneIds)
                            .then(store.update(done.task(), dependent.version()))
                            .then(append(done.events()));
                })
                .then();
    }

    /**
     * Deletes the task for good (the outbox event and the activity timeline keep its history). The tasks that
     * depended on it lose that dependency, each with an event, so nothing waits for a task that no longer exists.
     */
    @Transactional
    Mono<Void> delete(UUID id, IfMatch ifMatch) {
        return editable(id, true, true, ifMatch)
                .doOnNext(editing -> AgentLimits.checkPlanning(editing.caller(), "delete tasks"))
                .flatMap(editing -> store.lockDependents(id, false)
                .concatMap(dependent -> {
                    Change change = dependent.dependencyDeleted(editing.task(), editing.by(), editing.now());
                    return store.update(change.task(), dependent.version()).thenReturn(change.events());
                })
                .collectList()
                .flatMap(dependentsEvents -> store.delete(id)
                        .then(outbox.append(editing.task().deleted()))
                        .then(append(flatten(dependentsEvents)))));
    }

    Mono<Page<TaskView>> list(TaskFilter filter, TaskOrder order, TaskOrder.Cursor after, int limit) {
        return access.requireRead(filter.organizationId(), "organization", filter.organizationId())
                .flatMap(caller -> store.findPage(filter, order, after, limit + 1).collectList())
                .flatMap(rows -> page(rows, limit, order));
    }

    /** The newest tasks of a board the caller has already been allowed to read. */
    public Mono<Page<TaskView>> firstPageOfBoard(Board board) {
        return store.findPage(TaskFilter.board(board.organizationId(), board.id()), TaskOrder.NEWEST_FIRST, null,
                        Page.MAX_LIMIT + 1)
                .collectList()
                .flatMap(rows -> page(rows, Page.MAX_LIMIT, TaskOrder.NEWEST_FIRST));
    }

    private Mono<Page<TaskView>> page(List<Task> rows, int limit, TaskOrder order) {
        boolean more = rows.size() > limit;
        List<Task> items = more ? rows.subList(0, limit) : rows;
        String next = more ? order.cursorAfter(items.get(limit - 1)).encode() : null;
        return views(items).map(views -> new Page<>(views, next));
    }

    /**
     * The task, when the caller may change it: writes do not look it up by {@link #get} first, since an agent
     * key that may move its tasks ({@code tasks:write}) need not be one that may read the organization's
     * ({@code tasks:read}). A 404 for whoever has no place in its organization.
     */
    public Mono<TaskView> getToWrite(UUID id) {
        return tasks.findLive(id)
                .flatMap(task -> access.requireWrite(task.organizationId(), "task", id).thenReturn(task))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("task", id)))
                .flatMap(this::view);
    }

    private Mono<Task> readable(UUID id) {
        return tasks.findLive(id)
                .flatMap(task -> access.requireRead(task.organizationId(), "task", id).thenReturn(task))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("task", id)));
    }

    /**
     * The task, locked for a change by a caller who may make it, at a version {@code ifMatch} accepts. Changes that
     * could break a dependency rule take the organization's graph lock first (lock order: {@link TaskStore}).
     */
    private Mono<Editing> editable(UUID id, boolean graph, boolean forDeletion, IfMatch ifMatch) {
        return tasks.findLive(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("task", id)))
                .flatMap(found -> access.requireWrite(found.organizationId(), "task", id)
                .flatMap(caller -> (graph ? store.lockGraph(found.organizationId()) : Mono.<Void>empty())
                        .then(store.lock(id, forDeletion))
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("task", id)))
                        .map(locked -> {
                            ifMatch.check(locked);
                            return new Editing(locked, caller, caller.subject(), clock.instant());
                        })));
    }

    Mono<TaskView> view(Task task) {
        return views(List.of(task)).map(views -> views.get(0));
    }

    private Mono<List<TaskView>> views(List<Task> page) {
        List<UUID> ids = page.stream().map(Task::id).toList();
        return Mono.zip(store.dependenciesOf(ids), tags.tagsOf(ids), store.approvalStatesOf(ids))
                .map(loaded -> page.stream()
                        .map(task -> TaskView.of(task, loaded.getT1().getOrDefault(task.id(), List.of()),
                                loaded.getT2().getOrDefault(task.id(), List.of()),
                                loaded.getT3().getOrDefault(task.id(), "none")))
                        .toList());
    }

    Mono<Void> append(List<DomainEvent> events) {
        return Flux.fromIterable(events).concatMap(outbox::append).then();
    }

    /**
     * The requested dependencies that are tasks of the organization, in request order without repeats; a 422 with
     * one error per entry that is not (another organization's task is "unknown", as on every other reference).
     */
    private static List<Dependency> requireKnown(List<UUID> requested, Map<UUID, Dependency> found) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            if (!found.containsKey(requested.get(i))) {
                errors.add(TaskProblems.error("dependencies[" + i + "]", "task " + requested.get(i) + " does not exist"));
            }
        }
        if (!errors.isEmpty()) {
            throw TaskProblems.unknownDependencies(errors);
        }
        return distinct(requested).stream().map(found::get).toList();
    }

    private static List<UUID> distinct(List<UUID> ids) {
        return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids));
    }

    private static List<DomainEvent> flatten(List<List<DomainEvent>> events) {
        return events.stream().flatMap(List::stream).toList();
    }
}

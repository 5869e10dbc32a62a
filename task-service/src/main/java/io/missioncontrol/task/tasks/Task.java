package io.missioncontrol.task.tasks;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.task.TaskAssigned;
import io.missioncontrol.contracts.task.TaskCreated;
import io.missioncontrol.contracts.task.TaskDeleted;
import io.missioncontrol.contracts.task.TaskDependencyAdded;
import io.missioncontrol.contracts.task.TaskDependencyRemoved;
import io.missioncontrol.contracts.task.TaskStatusChanged;
import io.missioncontrol.contracts.task.TaskTagsChanged;
import io.missioncontrol.contracts.task.TaskUpdated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A unit of work on a board, and the state machine of its lifecycle. Status and priority are stored as the API's
 * words. Every transition is a pure function: it returns the task as it is afterwards together with the events
 * that announce the change, or throws the refusal; the service only loads, locks, stores and appends.
 *
 * <p>The version counts events: each event is one step and carries the version the task has after it. A PATCH
 * that renames, reassigns and moves a task is three steps, so a consumer that ignores events not newer than what
 * it holds never drops one of them.
 */
@Table("task")
record Task(@Id UUID id, UUID organizationId, UUID boardId, String title, String description, String status,
            String priority, UUID assignedAgentId, Instant dueDate, String createdBy, Instant createdAt,
            String updatedBy, Instant updatedAt, @Version Long version) {

    /** What a transition did: the task afterwards and its events in order, each with its own version. */
    record Change(Task task, List<DomainEvent> events) {

        Change {
            events = List.copyOf(events);
        }

        static Change none(Task task) {
            return new Change(task, List.of());
        }

        Change then(Function<Task, Change> step) {
            Change next = step.apply(task);
            List<DomainEvent> all = new ArrayList<>(events);
            all.addAll(next.events());
            return new Change(next.task(), all);
        }

        boolean isEmpty() {
            return events.isEmpty();
        }
    }

    /** A dependency as the lifecycle rules need it: which task, what it is called, whether it is done. */
    record Dependency(UUID id, String title, TaskStatus status) {

        boolean done() {
            return status == TaskStatus.DONE;
        }
    }

    /**
     * A new task. It may start in any status (boards are imported, work is recorded after the fact), but not in one
     * that promises its dependencies are done while some are not.
     */
    static Task create(UUID organizationId, UUID boardId, String title, String description, TaskStatus status,
                       TaskPriority priority, UUID assignedAgentId, Instant dueDate,
                       Collection<Dependency> dependencies, String createdBy, Instant now) {
        UUID id = UUID.randomUUID();
        List<UUID> unfinished = unfinished(dependencies);
        if (status.needsDependenciesDone() && !unfinished.isEmpty()) {
            throw TaskProblems.taskBlocked(id, unfinished);
        }
        return new Task(id, organizationId, boardId, title, description, status.wire(), priority.wire(),
                assignedAgentId, dueDate, createdBy, now, createdBy, now, null);
    }

    TaskCreated created(List<UUID> dependencies) {
        return new TaskCreated(id, boardId, organizationId, title, description, status, priority, assignedAgentId,
                dueDate, dependencies, version);
    }

    TaskStatus state() {
        return TaskStatus.fromWire(status);
    }

    TaskPriority rank() {
        return TaskPriority.fromWire(priority);
    }

    /**
     * A PATCH: the task's own fields first, then the assignment, then the status, each an event of its own when it
     * changed. A field the patch names with its current value is no change. Any refusal refuses the whole patch.
     *
     * @param dependencies the task's dependencies with their statuses; only starting work looks at them
     */
    Change edit(TaskPatch patch, Collection<Dependency> dependencies, String by, Instant now) {
        return Change.none(this)
                .then(task -> task.updateFields(patch, by, now))
                .then(task -> patch.assignedAgentId() == null ? Change.none(task)
                        : task.assign(patch.assignedAgentId().value(), by, now))
                .then(task -> patch.status() == null ? Change.none(task)
                        : task.moveTo(patch.status().value(), null, dependencies, by, now));
    }

    Change updateFields(TaskPatch patch, String by, Instant now) {
        String newTitle = patch.title() == null ? title : patch.title().value();
        String newDescription = patch.description() == null ? description : patch.description().value();
        String newPriority = patch.priority() == null ? priority : patch.priority().value().wire();
        Instant newDueDate = patch.dueDate() == null ? dueDate : patch.dueDate().value();
        List<String> changed = new ArrayList<>();
        if (!newTitle.equals(title)) {
            changed.add("title");
        }
        if (!Objects.equals(newDescription, description)) {
            changed.add("description");
        }
        if (!newPriority.equals(priority)) {
            changed.add("priority");
        }
        if (!Objects.equals(newDueDate, dueDate)) {
            changed.add("due_date");
        }
        if (changed.isEmpty()) {
            return Change.none(this);
        }
        Task next = new Task(id, organizationId, boardId, newTitle, newDescription, status, newPriority,
                assignedAgentId, newDueDate, createdBy, createdAt, by, now, version + 1);
        return new Change(next, List.of(new TaskUpdated(id, boardId, organizationId, newTitle, newDescription,
                newPriority, newDueDate, changed, next.version())));
    }

    /**
     * Makes {@code wanted} the task's tags (PUT semantics). Tags are part of the task's state, so a change is a step
     * like any other: a new version and an event on its board. The same set in another order is no change.
     */
    Change retag(Collection<UUID> current, List<UUID> wanted, String by, Instant now) {
        Set<UUID> before = Set.copyOf(current);
        List<UUID> added = wanted.stream().filter(tag -> !before.contains(tag)).toList();
        List<UUID> removed = current.stream().filter(tag -> !wanted.contains(tag)).toList();
        if (added.isEmpty() && removed.isEmpty()) {
            return Change.none(this);
        }
        Task next = new Task(id, organizationId, boardId, title, description, status, priority, assignedAgentId,
                dueDate, createdBy, createdAt, by, now, version + 1);
        return new Change(next, List.of(new TaskTagsChanged(id, boardId, organizationId, title, wanted, added, removed,
                next.version())));
    }

    /** Assigns the task to an agent, or unassigns it ({@code agentId} null). */
    Change assign(UUID agentId, String by, Instant now) {
        if (Objects.equals(agentId, assignedAgentId)) {
            return Change.none(this);
        }
        Task next = new Task(id, organizationId, boardId, title, description, status, priority, agentId, dueDate,
                createdBy, createdAt, by, now, version + 1);
        return new Change(next, List.of(new TaskAssigned(id, boardId, organizationId, title, agentId, assignedAgentId,
                next.version())));
    }

    /**
     * Moves the task along the state machine ({@link TaskStatus#allowedTargets()}); staying put is no change. Work
     * starts only when every dependency is done.
     *
     * @param reason why the service moved the task, or null when someone moved it directly
     */
    Change moveTo(TaskStatus target, String reason, Collection<Dependency> dependencies, String by,
                  Instant now) {
        TaskStatus from = state();
        if (from == target) {
            return Change.none(this);
        }
        if (!from.canMoveTo(target)) {
            throw TaskProblems.illegalTransition(id, from, target);
        }
        List<UUID> blockers = unfinished(dependencies);
        if (target == TaskStatus.IN_PROGRESS && !blockers.isEmpty()) {
            throw TaskProblems.taskBlocked(id, blockers);
        }
        Task next = new Task(id, organizationId, boardId, title, description, target.wire(), priority,
                assignedAgentId, dueDate, createdBy, createdAt, by, now, version + 1);
        return new Change(next, List.of(new TaskStatusChanged(id, boardId, organizationId, title, from.wire(),
                target.wire(), reason, next.version())));
    }

    /** Whether {@code after} is this task reopened: it was done and is not any more. */
    boolean reopenedIn(Task after) {
        return state() == TaskStatus.DONE && after.state() != TaskStatus.DONE;
    }

    /**
     * A dependency of this task was reopened: work that assumed it finished goes back to {@code todo}. A task that
     * is itself done stays done (its work was accepted), and one not started has nothing to undo.
     */
    Change dependencyReopened(UUID dependency, String by, Instant now) {
        if (!state().needsDependenciesDone()) {
            return Change.none(this);
        }
        return moveTo(TaskStatus.TODO, "dependency " + dependency + " reopened", List.of(), by, now);
    }

    /**
     * Replaces the task's dependencies: one event per dependency added (in the requested order), then one per
     * dependency removed. A task at work or in review promises its dependencies are done, so it accepts only done
     * ones as new dependencies. Cycles are the caller's check: they need the organization's whole graph.
     */
    Change replaceDependencies(List<Dependency> current, List<Dependency> requested, String by, Instant now) {
        Set<UUID> currentIds = current.stream().map(Dependency::id).collect(Collectors.toSet());
        Set<UUID> requestedIds = requested.stream().map(Dependency::id).collect(Collectors.toSet());
        List<Dependency> added = requested.stream().filter(d -> !currentIds.contains(d.id())).toList();
        List<Dependency> removed = current.stream().filter(d -> !requestedIds.contains(d.id())).toList();
        List<UUID> blockers = unfinished(added);
        if (state().needsDependenciesDone() && !blockers.isEmpty()) {
            throw TaskProblems.taskBlocked(id, blockers);
        }
        Change change = Change.none(this);
        for (Dependency dependency : added) {
            change = change.then(task -> task.touched(by, now, next -> new TaskDependencyAdded(id, boardId, dependency.id(),
                    organizationId, title, dependency.title(), next.version())));
        }
        for (Dependency dependency : removed) {
            change = change.then(task -> task.dependencyRemoved(dependency, null, by, now));
        }
        return change;
    }

    /** A dependency of this task is being deleted: the task loses it. */
    Change dependencyDeleted(Task deleted, String by, Instant now) {
        return dependencyRemoved(new Dependency(deleted.id(), deleted.title(), deleted.state()),
                "dependency " + deleted.id() + " deleted", by, now);
    }

    /** A dependency of this task went with its board (archived or purged): the task loses it, saying why. */
    Change dependencyWithdrawn(Dependency dependency, String reason, String by, Instant now) {
        return dependencyRemoved(dependency, reason, by, now);
    }

    private Change dependencyRemoved(Dependency dependency, String reason, String by, Instant now) {
        return touched(by, now, next -> new TaskDependencyRemoved(id, boardId, dependency.id(), organizationId, title,
                dependency.title(), reason, next.version()));
    }

    /** The last event of a task; hard deletion, so there is no state after it. */
    TaskDeleted deleted() {
        return new TaskDeleted(id, boardId, organizationId, title, version + 1);
    }

    /** One step that changes nothing but the version and who changed the task when (e.g. its dependencies). */
    private Change touched(String by, Instant now, Function<Task, DomainEvent> event) {
        Task next = new Task(id, organizationId, boardId, title, description, status, priority, assignedAgentId,
                dueDate, createdBy, createdAt, by, now, version + 1);
        return new Change(next, List.of(event.apply(next)));
    }

    private static List<UUID> unfinished(Collection<Dependency> dependencies) {
        return dependencies.stream().filter(d -> !d.done()).map(Dependency::id).toList();
    }
}

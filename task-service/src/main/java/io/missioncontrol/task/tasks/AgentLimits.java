package io.missioncontrol.task.tasks;

import io.missioncontrol.contracts.task.TaskStatusChanged;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.ApiException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * What an agent may do to tasks of its own organization, on top of what {@code TenantAccess} lets it read: move the
 * tasks assigned to it through the lifecycle, and nothing else. Planning (creating, deleting, editing, assigning,
 * wiring dependencies) stays with people, so an agent cannot hand itself work or rewrite what it was asked to do.
 * People and the admin token pass every check here unchanged.
 */
final class AgentLimits {

    static boolean isAgent(Caller caller) {
        return caller.kind() == Caller.Kind.AGENT;
    }

    /** Agents never create tasks. */
    static void checkCreate(Caller caller) {
        if (isAgent(caller)) {
            throw forbidden("Agents cannot create tasks");
        }
    }

    /** Agents never delete tasks or change their dependencies ({@code what} names the act for the answer). */
    static void checkPlanning(Caller caller, String what) {
        if (isAgent(caller)) {
            throw forbidden("Agents cannot " + what);
        }
    }

    /**
     * An agent's PATCH (of its own task, {@link #checkOwn}) may only move it: the change, once computed, must consist
     * of status changes alone.
     * Judging the change rather than the request lets an agent send fields at their current values (a client that
     * echoes the task back), which change nothing.
     */
    static void checkStatusOnly(Caller caller, Task.Change change) {
        if (!isAgent(caller)) {
            return;
        }
        boolean statusOnly = change.events().stream().allMatch(event -> event instanceof TaskStatusChanged);
        if (!statusOnly) {
            throw forbidden("Agents may only change the status of their tasks");
        }
    }

    /** An agent changes only the tasks assigned to it (checked first, so the answer never depends on the patch). */
    static void checkOwn(Caller caller, Task task) {
        if (isAgent(caller) && !owns(caller, task)) {
            throw notAssigned(task);
        }
    }

    /** Whether the task is assigned to the calling agent. */
    static boolean owns(Caller caller, Task task) {
        return task.assignedAgentId() != null && task.assignedAgentId().toString().equalsIgnoreCase(caller.subject());
    }

    /** Whether the calling agent is the lead of the task's board: a lead moves any task of its board. */
    static boolean leads(Caller caller, UUID leadAgentId) {
        return leadAgentId != null && leadAgentId.toString().equalsIgnoreCase(caller.subject());
    }

    static ApiException notAssigned(Task task) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                "Task " + task.id() + " is not assigned to this agent", Map.of("task_id", task.id().toString()));
    }

    private static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", detail);
    }

    private AgentLimits() {
    }
}

package io.missioncontrol.task.tasks;

import io.missioncontrol.platform.web.ApiException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** The refusals of the task lifecycle, each with a stable code and the facts a client needs to act on it. */
final class TaskProblems {

    static ApiException illegalTransition(UUID task, TaskStatus from, TaskStatus to) {
        List<String> allowed = from.allowedTargets().stream().map(TaskStatus::wire).toList();
        return new ApiException(HttpStatus.CONFLICT, "illegal_transition",
                "Task " + task + " cannot move from " + from.wire() + " to " + to.wire()
                        + "; from " + from.wire() + " it can move to " + (allowed.isEmpty() ? "nothing" : String.join(", ", allowed)),
                Map.of("from", from.wire(), "to", to.wire(), "allowed_targets", allowed));
    }

    static ApiException taskBlocked(UUID task, Collection<UUID> blockedBy) {
        return new ApiException(HttpStatus.CONFLICT, "task_blocked",
                "Task " + task + " cannot start before its dependencies are done: " + ids(blockedBy),
                Map.of("blocked_by", ids(blockedBy)));
    }

    /** {@code cycle} lists the ids in dependency order and ends where it starts: a depends on b, …, z on a. */
    static ApiException dependencyCycle(List<UUID> cycle) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "dependency_cycle",
                "These dependencies would close a cycle: " + String.join(" -> ", ids(cycle)),
                Map.of("cycle", ids(cycle)));
    }

    static ApiException versionConflict(UUID task, long currentVersion) {
        return new ApiException(HttpStatus.CONFLICT, "version_conflict",
                "Task " + task + " was changed by someone else (it is at version " + currentVersion
                        + "); read it again and retry",
                Map.of("current_version", currentVersion));
    }

    static ApiException invalidIfMatch() {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_if_match",
                "If-Match must be * or the quoted version from an ETag, e.g. \"3\"");
    }

    static ApiException invalidParameter(String field, String message) {
        return invalidParameters(List.of(error(field, message)));
    }

    static ApiException invalidParameters(List<Map<String, String>> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter", "The request has invalid parameters",
                Map.of("errors", errors));
    }

    static ApiException invalidCursor() {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_cursor",
                "The cursor is not one this API gave out for this sort order");
    }

    /** A value of the wrong JSON type or format: the same answer the platform gives for a body it cannot bind. */
    static ApiException invalidFields(List<Map<String, String>> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_field",
                "Field '" + errors.get(0).get("field") + "' has a value of the wrong type or format",
                Map.of("errors", errors));
    }

    static ApiException validationFailed(List<Map<String, String>> errors) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed", "The request has invalid fields",
                Map.of("errors", errors));
    }

    static ApiException notAnObject() {
        return new ApiException(HttpStatus.BAD_REQUEST, "malformed_json", "The request body must be a JSON object");
    }

    /** Dependencies that are not tasks of the organization (or not visible to the caller): one error per entry. */
    static ApiException unknownDependencies(List<Map<String, String>> errors) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_reference",
                errors.size() == 1 ? errors.get(0).get("message") : errors.size() + " dependencies do not exist",
                Map.of("errors", errors));
    }

    static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    private static List<String> ids(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    private TaskProblems() {
    }
}

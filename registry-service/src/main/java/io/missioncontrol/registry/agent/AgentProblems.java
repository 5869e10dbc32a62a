package io.missioncontrol.registry.agent;

import io.missioncontrol.platform.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** The refusals of the agent API, each with a stable code and the facts a client needs to act on it. */
public final class AgentProblems {

    static ApiException illegalTransition(UUID agent, AgentStatus from, AgentAction action) {
        List<String> allowed = AgentAction.allowedFrom(from);
        return new ApiException(HttpStatus.CONFLICT, "illegal_transition",
                "Agent " + agent + " is " + from.wire() + " and cannot " + action.wire() + "; it can "
                        + (allowed.isEmpty() ? "do nothing" : String.join(", ", allowed)),
                Map.of("from", from.wire(), "to", action.to().wire(), "action", action.wire(),
                        "allowed_actions", allowed));
    }

    /** A retired agent is final: it cannot be edited, and no key is issued for it. */
    public static ApiException agentRetired(UUID agent) {
        return new ApiException(HttpStatus.CONFLICT, "agent_retired", "Agent " + agent + " is retired",
                Map.of("agent_id", agent.toString()));
    }

    static ApiException versionConflict(UUID agent, long currentVersion) {
        return new ApiException(HttpStatus.CONFLICT, "version_conflict",
                "Agent " + agent + " was changed by someone else (it is at version " + currentVersion
                        + "); read it again and retry",
                Map.of("current_version", currentVersion));
    }

    static ApiException invalidIfMatch() {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_if_match",
                "If-Match must be * or the quoted version from an ETag, e.g. \"3\"");
    }

    static ApiException invalidParameter(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter", "The request has invalid parameters",
                Map.of("errors", List.of(error(field, message))));
    }

    static ApiException invalidFields(List<Map<String, String>> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_field",
                "Field '" + errors.get(0).get("field") + "' has a value of the wrong type or format",
                Map.of("errors", errors));
    }

    static ApiException validationFailed(List<Map<String, String>> errors) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed", "The request has invalid fields",
                Map.of("errors", errors));
    }

    /** The configuration document is not JSON5, or not one this service keeps (see {@link AgentConfig}). */
    static ApiException invalidConfig(String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_config",
                "config is not a usable runtime configuration: " + message,
                Map.of("errors", List.of(error("config", message))));
    }

    static ApiException notAnObject() {
        return new ApiException(HttpStatus.BAD_REQUEST, "malformed_json", "The request body must be a JSON object");
    }

    static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    private AgentProblems() {
    }
}

package io.missioncontrol.registry.credential;

import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.registry.agent.AgentProblems;
import io.missioncontrol.contracts.credential.AgentScopes;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** The refusals of the key API, each with a stable code. */
final class KeyProblems {

    static ApiException agentRetired(UUID agent) {
        return AgentProblems.agentRetired(agent);
    }

    static ApiException unknownScopes(List<String> unknown) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_scope",
                "Unknown scope(s) " + String.join(", ", unknown) + "; scopes are " + String.join(", ", AgentScopes.ALL),
                Map.of("unknown_scopes", List.copyOf(unknown), "known_scopes", AgentScopes.ALL,
                        "errors", List.of(Map.of("field", "scopes", "message",
                                "must be some of " + String.join(", ", AgentScopes.ALL)))));
    }

    static ApiException validationFailed(String field, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed", "The request has invalid fields",
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    static ApiException keyRevoked(UUID key) {
        return new ApiException(HttpStatus.CONFLICT, "key_revoked", "Key " + key + " is revoked; issue a new one",
                Map.of("key_id", key.toString()));
    }

    static ApiException keyExpired(UUID key) {
        return new ApiException(HttpStatus.CONFLICT, "key_expired", "Key " + key + " has expired; issue a new one",
                Map.of("key_id", key.toString()));
    }

    private KeyProblems() {
    }
}

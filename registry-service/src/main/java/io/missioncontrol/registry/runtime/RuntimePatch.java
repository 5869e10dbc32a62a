package io.missioncontrol.registry.runtime;

import io.missioncontrol.platform.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * A partial update of a runtime: an absent field stays as it is. {@code auth_token} replaces the token (rotation);
 * {@code "auth_token": null} removes it. {@code endpoint} (the Mission Control API's name) is {@code endpoint_url}.
 * Values are validated by {@link RuntimeRules} when applied.
 */
record RuntimePatch(String name, String endpointUrl, List<String> capabilities, boolean tokenGiven, String authToken) {

    static RuntimePatch parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_json", "The request body must be a JSON object");
        }
        List<Map<String, String>> wrong = new ArrayList<>();
        String name = text(body, "name", wrong);
        String endpoint = endpoint(text(body, "endpoint_url", wrong), text(body, "endpoint", wrong));
        List<String> capabilities = null;
        if (body.has("capabilities")) {
            JsonNode list = body.get("capabilities");
            if (!list.isArray()) {
                wrong.add(Map.of("field", "capabilities", "message", "must be a list of strings"));
            } else {
                capabilities = new ArrayList<>();
                for (JsonNode item : list) {
                    if (!item.isString()) {
                        wrong.add(Map.of("field", "capabilities", "message", "must be a list of strings"));
                        break;
                    }
                    capabilities.add(item.asString());
                }
            }
        }
        boolean tokenGiven = body.has("auth_token");
        String token = null;
        if (tokenGiven && !body.get("auth_token").isNull()) {
            if (!body.get("auth_token").isString()) {
                wrong.add(Map.of("field", "auth_token", "message", "must be a string or null"));
            } else {
                token = body.get("auth_token").asString();
            }
        }
        if (!wrong.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_field", "The request has fields of the wrong type",
                    Map.of("errors", wrong));
        }
        return new RuntimePatch(name, endpoint, capabilities, tokenGiven, token);
    }

    /**
     * The endpoint from either of its names; both may be given when they agree. Two different values are a 422
     * rather than a silent choice.
     */
    static String endpoint(String endpointUrl, String endpoint) {
        if (endpointUrl != null && endpoint != null && !endpointUrl.equals(endpoint)) {
            throw RuntimeRules.invalid("endpoint", "is another name for endpoint_url; give one, or both the same");
        }
        return endpointUrl != null ? endpointUrl : endpoint;
    }

    private static String text(JsonNode body, String field, List<Map<String, String>> wrong) {
        if (!body.has(field)) {
            return null;
        }
        JsonNode value = body.get(field);
        if (!value.isString()) {
            wrong.add(Map.of("field", field, "message", "must be a string"));
            return null;
        }
        return value.asString();
    }
}

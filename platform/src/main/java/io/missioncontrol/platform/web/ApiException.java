package io.missioncontrol.platform.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal the client can act on: answered as {@code application/problem+json} with the HTTP status and a
 * stable, machine-readable {@code code}. Extra properties (e.g. the ids that block a task) go into the body.
 * Carries no stack trace: it says what the client did wrong, not where the service noticed.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> properties;

    public ApiException(HttpStatus status, String code, String detail, Map<String, Object> properties) {
        // No stack trace: it is a client's mistake answered as a problem, never logged, and filling in the deep
        // reactive stack it is thrown from cost more than the rest of answering it.
        super(detail, null, true, false);
        this.status = status;
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    /** The resource does not exist, or the caller may not know that it does (another tenant's object). */
    public static ApiException notFound(String resourceType, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", resourceType + " " + id + " was not found",
                Map.of("resource_type", resourceType, "resource_id", String.valueOf(id)));
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, detail);
    }

    public static ApiException unprocessable(String code, String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, code, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}

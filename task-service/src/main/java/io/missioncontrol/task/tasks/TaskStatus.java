package io.missioncontrol.task.tasks;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a task stands; the lower-case words are the API's and the database's. */
public enum TaskStatus {
    TODO, IN_PROGRESS, REVIEW, DONE;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    static TaskStatus fromWire(String value) {
        return valueOf(value.toUpperCase());
    }

    /** A status named in a query parameter; an unknown word is the client's mistake, answered with a 400. */
    static TaskStatus parameter(String value) {
        for (TaskStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw new io.missioncontrol.platform.web.ApiException(org.springframework.http.HttpStatus.BAD_REQUEST,
                "invalid_parameter", "status must be one of todo, in_progress, review, done",
                java.util.Map.of("errors", java.util.List.of(java.util.Map.of("field", "status",
                        "message", "must be one of todo, in_progress, review, done"))));
    }
}

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
}

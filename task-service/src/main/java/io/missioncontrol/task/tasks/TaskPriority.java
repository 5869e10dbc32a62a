package io.missioncontrol.task.tasks;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

public enum TaskPriority {
    LOW, MEDIUM, HIGH, CRITICAL;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    static TaskPriority fromWire(String value) {
        return valueOf(value.toUpperCase());
    }

    /** A priority named in a query parameter; an unknown word is answered with a 400. */
    static TaskPriority parameter(String value) {
        for (TaskPriority priority : values()) {
            if (priority.wire().equals(value)) {
                return priority;
            }
        }
        throw TaskProblems.invalidParameter("priority", "must be one of " + words());
    }

    static String words() {
        return Arrays.stream(values()).map(TaskPriority::wire).collect(Collectors.joining(", "));
    }
}

package io.missioncontrol.task.tasks;

import com.fasterxml.jackson.annotation.JsonValue;

public enum TaskPriority {
    LOW, MEDIUM, HIGH, CRITICAL;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    static TaskPriority fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}

package io.missioncontrol.registry.runtime;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A runtime's health as the last scheduled check found it; {@code unknown} until the first check. */
public enum HealthStatus {
    UNKNOWN, HEALTHY, UNHEALTHY;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static HealthStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

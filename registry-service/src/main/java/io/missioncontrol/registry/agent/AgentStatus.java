package io.missioncontrol.registry.agent;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where an agent stands in its lifecycle; the lower-case words are the API's, the database's and the events'.
 * {@code provisioning → active ⇄ paused}, and from any of them {@code → retired}, which is final.
 */
public enum AgentStatus {
    PROVISIONING, ACTIVE, PAUSED, RETIRED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Where an agent in this status may move to; staying where it is, is no transition. */
    Set<AgentStatus> allowedTargets() {
        switch (this) {
            case PROVISIONING:
                return Collections.unmodifiableSet(EnumSet.of(ACTIVE, RETIRED));
            case ACTIVE:
                return Collections.unmodifiableSet(EnumSet.of(PAUSED, RETIRED));
            case PAUSED:
                return Collections.unmodifiableSet(EnumSet.of(ACTIVE, RETIRED));
            case RETIRED:
                return Collections.unmodifiableSet(EnumSet.noneOf(AgentStatus.class));
            default:
                throw new IllegalStateException("Unknown status " + this);
        }
    }

    boolean canMoveTo(AgentStatus target) {
        return allowedTargets().contains(target);
    }

    static AgentStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** A status named in a query parameter; an unknown word is a 400. */
    static AgentStatus parameter(String value) {
        for (AgentStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw AgentProblems.invalidParameter("status", "must be one of " + words());
    }

    static String words() {
        return Arrays.stream(values()).map(AgentStatus::wire).collect(Collectors.joining(", "));
    }
}

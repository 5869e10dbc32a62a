package io.missioncontrol.task.tasks;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a task stands; the lower-case words are the API's and the database's. The transitions (docs/task-lifecycle.md)
 * send every task through work and review before it is done: {@code todo → in_progress → review → done}, with the
 * ways back a real board needs (stop work, request changes, reopen). A task that turns out to be unnecessary is
 * deleted rather than closed unreviewed.
 */
public enum TaskStatus {
    TODO, IN_PROGRESS, REVIEW, DONE;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    /** Where a task in this status may move to; staying where it is, is no transition. */
    Set<TaskStatus> allowedTargets() {
        switch (this) {
            case TODO:
                return Collections.unmodifiableSet(EnumSet.of(IN_PROGRESS));
            case IN_PROGRESS:
                return Collections.unmodifiableSet(EnumSet.of(TODO, REVIEW));
            case REVIEW:
                return Collections.unmodifiableSet(EnumSet.of(TODO, IN_PROGRESS, DONE));
            case DONE:
                return Collections.unmodifiableSet(EnumSet.of(TODO, IN_PROGRESS));
            default:
                throw new IllegalStateException("Unknown status " + this);
        }
    }

    boolean canMoveTo(TaskStatus target) {
        return allowedTargets().contains(target);
    }

    /**
     * Statuses that promise the task's dependencies are done: a task enters them only through {@code in_progress},
     * which requires it, and leaves them when a dependency is reopened.
     */
    boolean needsDependenciesDone() {
        return this == IN_PROGRESS || this == REVIEW;
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
        throw TaskProblems.invalidParameter("status", "must be one of " + words());
    }

    static String words() {
        return Arrays.stream(values()).map(TaskStatus::wire).collect(Collectors.joining(", "));
    }
}

package io.missioncontrol.task.tasks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The order of a task list ({@code sort=created_at|updated_at|priority|due_date}, {@code -} for descending) and the
 * cursor that continues it. Every order is a total order on (sort key, id), so a page boundary is one position and
 * the next page starts right after it with a row comparison, whatever rows are added or changed meanwhile.
 *
 * <p>The platform's {@code Page.Cursor} knows only (time, id); these orders also sort by a number (the priority's
 * rank) and by a time that may be missing (the due date), so the cursor here carries the key as text together with
 * the order it belongs to: a cursor from one order is refused in another instead of silently skipping rows.
 */
record TaskOrder(Key key, boolean descending) {

    static final TaskOrder NEWEST_FIRST = new TaskOrder(Key.CREATED_AT, true);

    /** The sortable keys: the SQL expression, its type for the cursor's value, and how to read it off a task. */
    enum Key {
        CREATED_AT("created_at", "created_at", "timestamptz"),
        UPDATED_AT("updated_at", "updated_at", "timestamptz"),
        /** critical > high > medium > low: a generated column keeps the rank (see V3__task_lifecycle.sql). */
        PRIORITY("priority", "priority_rank", "integer"),
        /** A task without a due date sorts as due at infinity: last when ascending, first when descending. */
        DUE_DATE("due_date", "COALESCE(due_date, 'infinity'::timestamptz)", "timestamptz");

        final String wire;
        final String expression;
        final String type;

        Key(String wire, String expression, String type) {
            this.wire = wire;
            this.expression = expression;
            this.type = type;
        }

        String valueOf(Task task) {
            switch (this) {
                case CREATED_AT:
                    return task.createdAt().toString();
                case UPDATED_AT:
                    return task.updatedAt().toString();
                case PRIORITY:
                    return Integer.toString(task.rank().ordinal());
                case DUE_DATE:
                    return task.dueDate() == null ? "infinity" : task.dueDate().toString();
                default:
                    throw new IllegalStateException("Unknown sort key " + this);
            }
        }

        boolean accepts(String value) {
            if ("integer".equals(type)) {
                return value.matches("[0-9]{1,2}");
            }
            if (this == DUE_DATE && "infinity".equals(value)) {
                return true;
            }
            try {
                Instant.parse(value);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    /** {@code sort} as the query parameter gives it; absent means newest first. */
    static TaskOrder parameter(String sort) {
        if (sort == null || sort.isBlank()) {
            return NEWEST_FIRST;
        }
        boolean descending = sort.startsWith("-");
        String name = descending ? sort.substring(1) : sort;
        for (Key key : Key.values()) {
            if (key.wire.equals(name)) {
                return new TaskOrder(key, descending);
            }
        }
        throw TaskProblems.invalidParameter("sort", "must be one of " + Arrays.stream(Key.values())
                .map(key -> key.wire).collect(Collectors.joining(", ")) + ", optionally prefixed with - for descending");
    }

    String wire() {
        return (descending ? "-" : "") + key.wire;
    }

    String orderBy() {
        String direction = descending ? " DESC" : " ASC";
        return key.expression + direction + ", id" + direction;
    }

    /** The condition for the rows after {@code cursor}; binds {@code :afterKey} and {@code :afterId}. */
    String after() {
        return "(" + key.expression + ", id) " + (descending ? "<" : ">")
                + " (CAST(:afterKey AS " + key.type + "), :afterId)";
    }

    /** Where a page ended: the last row's sort key and id. */
    record Cursor(TaskOrder order, String key, UUID id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (order.wire() + "|" + key + "|" + id).getBytes(StandardCharsets.UTF_8));
        }
    }

    Cursor cursorAfter(Task task) {
        return new Cursor(this, key.valueOf(task), task.id());
    }

    /** The position a client's cursor names, or null for the first page; refused if it belongs to another order. */
    Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 3 || !parts[0].equals(wire()) || !key.accepts(parts[1])) {
                throw TaskProblems.invalidCursor();
            }
            return new Cursor(this, parts[1], UUID.fromString(parts[2]));
        } catch (IllegalArgumentException e) {
            throw TaskProblems.invalidCursor();
        }
    }
}

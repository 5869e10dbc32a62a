package io.missioncontrol.task.tasks;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code PATCH /api/tasks/{id}}: each field the request names is changed, each field it leaves out stays
 * as it is, and an explicit {@code null} clears the fields that may be empty (description, assignment, due date).
 * A record with plain nullable components cannot tell "left out" from "null", so the body is read as a JSON tree: a
 * {@code null} {@link Field} means "not in the request", a {@code Field} holding null means "clear it".
 *
 * <p>Fields the API does not know are ignored, as on every other request body, except {@code dependencies}: those
 * change through their own endpoint, and silently ignoring them here would look like success.
 */
record TaskPatch(Field<String> title, Field<String> description, Field<TaskStatus> status, Field<TaskPriority> priority,
                 Field<UUID> assignedAgentId, Field<Instant> dueDate) {

    static final int TITLE_MAX = 300;
    static final int DESCRIPTION_MAX = 20_000;

    /** A field the request names; {@code value} is null when the request sets it to null. */
    record Field<T>(T value) {
    }

    static final TaskPatch EMPTY = new TaskPatch(null, null, null, null, null, null);

    boolean isEmpty() {
        return equals(EMPTY);
    }

    /** Reads the body; a value of the wrong type is a 400 {@code invalid_field}, a rule broken a 422. */
    static TaskPatch parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw TaskProblems.notAnObject();
        }
        var reader = new Reader(body);
        var patch = new TaskPatch(
                reader.title(),
                reader.text("description", DESCRIPTION_MAX),
                reader.word("status", TaskStatus::fromWire, TaskStatus.words()),
                reader.word("priority", TaskPriority::fromWire, TaskPriority.words()),
                reader.uuid("assigned_agent_id"),
                reader.instant("due_date"));
        if (body.has("dependencies")) {
            reader.invalid.add(TaskProblems.error("dependencies",
                    "is changed with PUT /api/tasks/{id}/dependencies, not with PATCH"));
        }
        if (!reader.wrongType.isEmpty()) {
            throw TaskProblems.invalidFields(reader.wrongType);
        }
        if (!reader.invalid.isEmpty()) {
            throw TaskProblems.validationFailed(reader.invalid);
        }
        return patch;
    }

    private static final class Reader {

        private final JsonNode body;
        private final List<Map<String, String>> wrongType = new ArrayList<>();
        private final List<Map<String, String>> invalid = new ArrayList<>();

        Reader(JsonNode body) {
            this.body = body;
        }

        Field<String> title() {
            Field<String> title = text("title", TITLE_MAX);
            if (title == null) {
                return null;
            }
            if (title.value() == null) {
                invalid.add(TaskProblems.error("title", "must not be null"));
                return null;
            }
            if (title.value().isBlank()) {
                invalid.add(TaskProblems.error("title", "must not be blank"));
                return null;
            }
            return new Field<>(title.value().strip());
        }

        Field<String> text(String name, int max) {
            JsonNode node = body.get(name);
            if (node == null) {
                return null;
            }
            if (node.isNull()) {
                return new Field<>(null);
            }
            if (!node.isString()) {
                wrongType.add(TaskProblems.error(name, "has the wrong type or format"));
                return null;
            }
            if (node.stringValue().length() > max) {
                invalid.add(TaskProblems.error(name, "size must be between 0 and " + max));
                return null;
            }
            return new Field<>(node.stringValue());
        }

        <T> Field<T> word(String name, java.util.function.Function<String, T> parse, String words) {
            JsonNode node = body.get(name);
            if (node == null) {
                return null;
            }
            if (node.isNull()) {
                invalid.add(TaskProblems.error(name, "must not be null"));
                return null;
            }
            if (node.isString()) {
                String value = node.stringValue();
                // The wire words are lower case; "HIGH" is refused as it is on creation.
                if (value.equals(value.toLowerCase())) {
                    try {
                        return new Field<>(parse.apply(value));
                    } catch (IllegalArgumentException e) {
                        // falls through to the error below
                    }
                }
            }
            wrongType.add(TaskProblems.error(name, "must be one of " + words));
            return null;
        }

        Field<UUID> uuid(String name) {
            JsonNode node = body.get(name);
            if (node == null) {
                return null;
            }
            if (node.isNull()) {
                return new Field<>(null);
            }
            if (node.isString()) {
                try {
                    return new Field<>(UUID.fromString(node.stringValue()));
                } catch (IllegalArgumentException e) {
                    // falls through to the error below
                }
            }
            wrongType.add(TaskProblems.error(name, "has the wrong type or format"));
            return null;
        }

        Field<Instant> instant(String name) {
            JsonNode node = body.get(name);
            if (node == null) {
                return null;
            }
            if (node.isNull()) {
                return new Field<>(null);
            }
            if (node.isString()) {
                try {
                    // Microseconds: what PostgreSQL keeps, so the answer and every later read agree.
                    return new Field<>(OffsetDateTime.parse(node.stringValue()).toInstant()
                            .truncatedTo(ChronoUnit.MICROS));
                } catch (DateTimeParseException e) {
                    // falls through to the error below
                }
            }
            wrongType.add(TaskProblems.error(name, "must be an ISO-8601 date-time with offset, e.g. 2026-12-01T17:00:00Z"));
            return null;
        }
    }
}

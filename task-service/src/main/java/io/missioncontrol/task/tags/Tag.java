package io.missioncontrol.task.tags;

import io.missioncontrol.contracts.tag.TagCreated;
import io.missioncontrol.contracts.tag.TagDeleted;
import io.missioncontrol.contracts.tag.TagUpdated;
import io.missioncontrol.platform.web.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.http.HttpStatus;

/**
 * A label of an organization's own (e.g. "security", red). The name rule and the colour rule live here; uniqueness
 * of the name within the organization is the database's (index {@code tag_name}), since only it sees concurrent
 * creations.
 */
@Table("tag")
record Tag(@Id UUID id, UUID organizationId, String name, String color, String createdBy, Instant createdAt,
           Instant updatedAt, @Version Long version) {

    static final int NAME_MAX = 50;
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    static Tag create(UUID organizationId, String name, String color, String by, Instant now) {
        List<Map<String, String>> errors = new ArrayList<>();
        String cleanName = name(name, errors);
        String cleanColor = color(color, errors);
        refuse(errors);
        return new Tag(UUID.randomUUID(), organizationId, cleanName, cleanColor, by, now, now, null);
    }

    /** The tag with the given fields changed (null: unchanged); itself when nothing changes. */
    Tag edit(String newName, String newColor, Instant now) {
        List<Map<String, String>> errors = new ArrayList<>();
        String cleanName = newName == null ? name : name(newName, errors);
        String cleanColor = newColor == null ? color : color(newColor, errors);
        refuse(errors);
        if (cleanName.equals(name) && cleanColor.equals(color)) {
            return this;
        }
        return new Tag(id, organizationId, cleanName, cleanColor, createdBy, createdAt, now, version);
    }

    /**
     * Stripped, 1 to {@value #NAME_MAX} characters, and printable: a tag is shown as a chip, where a line break or a
     * control character would only confuse.
     */
    static String name(String raw, List<Map<String, String>> errors) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            errors.add(error("name", "must not be blank"));
        } else if (value.codePointCount(0, value.length()) > NAME_MAX) {
            errors.add(error("name", "must be at most " + NAME_MAX + " characters"));
        } else if (value.codePoints().anyMatch(Character::isISOControl)) {
            errors.add(error("name", "must not contain control characters"));
        }
        return value;
    }

    /** {@code #rrggbb}, either case on the way in, lower case as stored, so that equal colours compare equal. */
    static String color(String raw, List<Map<String, String>> errors) {
        if (raw == null || !COLOR.matcher(raw).matches()) {
            errors.add(error("color", "must be a colour written #rrggbb, e.g. #d73a4a"));
            return raw;
        }
        return raw.toLowerCase(Locale.ROOT);
    }

    TagCreated created() {
        return new TagCreated(id, organizationId, name, color, version);
    }

    TagUpdated updated() {
        return new TagUpdated(id, organizationId, name, color, version);
    }

    TagDeleted deleted() {
        return new TagDeleted(id, organizationId, name, color, version);
    }

    TagRef ref() {
        return new TagRef(id, name, color);
    }

    private static void refuse(List<Map<String, String>> errors) {
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed",
                    "The request has invalid fields", Map.of("errors", errors));
        }
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}

package io.missioncontrol.platform.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;

/**
 * One page of a list, newest first: {@code {"items": [...], "next_cursor": "..."}}; {@code next_cursor} is null on
 * the last page. Lists fetch {@code limit + 1} rows to know whether another page exists.
 */
public record Page<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** Builds the page from up to {@code limit + 1} rows ordered by (time, id) descending. */
    public static <T> Page<T> of(List<T> rows, int limit, Function<T, Cursor> position) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), position.apply(items.get(limit - 1)).encode());
    }

    /** The requested page size, refused when out of range rather than silently changed. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_limit",
                    "limit must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    /** A position in a list ordered by (time, id) descending: opaque to clients. */
    public record Cursor(Instant time, UUID id) {

        /** The position before every row: the first page. */
        public static final Cursor FIRST = new Cursor(Instant.parse("9999-12-31T23:59:59Z"), new UUID(-1L, -1L));

        public String encode() {
            return java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((time.toString() + "|" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public static Cursor decode(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return FIRST;
            }
            try {
                String[] parts = new String(java.util.Base64.getUrlDecoder().decode(cursor),
                        java.nio.charset.StandardCharsets.UTF_8).split("\\|", 2);
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_cursor", "The cursor is not one this API gave out");
            }
        }
    }
}

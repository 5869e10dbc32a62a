package io.missioncontrol.telemetry.errors;

import io.missioncontrol.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * A position in the error log, newest first: an entry is identified by (agent, heartbeat time, position), not by a
 * UUID, so the platform's (time, id) cursor does not fit. Opaque to clients.
 */
record ErrorCursor(Instant loggedAt, UUID agentId, Instant heartbeatTime, int position) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (loggedAt + "|" + agentId + "|" + heartbeatTime + "|" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** Null for the first page. */
    static ErrorCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new ErrorCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]), Instant.parse(parts[2]),
                    Integer.parseInt(parts[3]));
        } catch (RuntimeException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_cursor", "The cursor is not one this API gave out");
        }
    }
}

package io.missioncontrol.approval.approvals;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** pending → approved | rejected | expired | cancelled; only pending moves. */
enum ApprovalStatus {
    PENDING, APPROVED, REJECTED, EXPIRED, CANCELLED;

    @JsonValue
    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ApprovalStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

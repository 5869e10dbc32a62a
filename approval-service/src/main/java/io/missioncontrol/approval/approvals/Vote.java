package io.missioncontrol.approval.approvals;

import java.time.Instant;

/** One approver's decision on a request: each approver has at most one. */
record Vote(String approver, String approverType, Decision decision, String comment, Instant at) {

    enum Decision {
        APPROVED, REJECTED;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Decision fromWire(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}

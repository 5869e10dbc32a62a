package io.missioncontrol.telemetry.usage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The periods usage is reported for, in whole UTC days counted back from today (today included): "last 7 days" is
 * today and the six days before it, so the periods nest and agree with "today" and "yesterday".
 */
enum UsagePeriod {
    TODAY("today", 0, false),
    YESTERDAY("yesterday", 1, true),
    LAST_7_DAYS("last_7_days", 6, false),
    LAST_30_DAYS("last_30_days", 29, false),
    TOTAL("total", -1, false);

    final String wire;
    private final int daysBack;
    private final boolean endsToday;

    UsagePeriod(String wire, int daysBack, boolean endsToday) {
        this.wire = wire;
        this.daysBack = daysBack;
        this.endsToday = endsToday;
    }

    /** The first hour bucket in the period, or null for all time. */
    Instant from(Instant now) {
        return daysBack < 0 ? null : now.truncatedTo(ChronoUnit.DAYS).minus(daysBack, ChronoUnit.DAYS);
    }

    /** The end (exclusive) of the period, or null when it runs until now. */
    Instant to(Instant now) {
        return endsToday ? now.truncatedTo(ChronoUnit.DAYS) : null;
    }

    /** The SQL condition on {@code bucket} for this period, over the parameters {@code :<name>From}/{@code To}. */
    String condition() {
        if (daysBack < 0) {
            return "TRUE";
        }
        return "bucket >= :" + name().toLowerCase() + "From"
                + (endsToday ? " AND bucket < :" + name().toLowerCase() + "To" : "");
    }
}

package io.missioncontrol.telemetry.trends;

import io.missioncontrol.platform.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A checked trend request: metric, bucket size and a range aligned to whole buckets. {@code from} is rounded down to
 * its bucket's start (UTC), {@code to} is exclusive. Defaults: hourly buckets, and a range of the last 60 minutes,
 * 24 hours or 30 days ending now.
 */
record TrendQuery(Metric metric, Bucket bucket, Instant from, Instant to) {

    static final int MAX_BUCKETS = 1_500;

    enum Metric { CPU, MEMORY, DISK, NETWORK }

    enum Bucket {
        MINUTE(ChronoUnit.MINUTES, Duration.ofMinutes(1), Duration.ofHours(1), "heartbeat_minute"),
        HOUR(ChronoUnit.HOURS, Duration.ofHours(1), Duration.ofDays(1), "heartbeat_hour"),
        // Days add up the hourly rollup: there is no daily table to keep consistent.
        DAY(ChronoUnit.DAYS, Duration.ofDays(1), Duration.ofDays(30), "heartbeat_hour");

        final ChronoUnit unit;
        final Duration size;
        final Duration defaultRange;
        final String table;

        Bucket(ChronoUnit unit, Duration size, Duration defaultRange, String table) {
            this.unit = unit;
            this.size = size;
            this.defaultRange = defaultRange;
            this.table = table;
        }

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static TrendQuery of(String metric, String bucket, Instant from, Instant to, Instant now) {
        Metric m = parse(Metric.class, metric == null ? null : metric, "metric", "cpu, memory, disk or network");
        Bucket b = bucket == null || bucket.isBlank() ? Bucket.HOUR
                : parse(Bucket.class, bucket, "bucket", "minute, hour or day");
        Instant end = to == null ? now : to;
        Instant start = from == null ? end.minus(b.defaultRange) : from;
        if (!start.isBefore(end)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_range", "from must be before to",
                    Map.of("from", start.toString(), "to", end.toString()));
        }
        Instant aligned = start.truncatedTo(b.unit);
        long buckets = (Duration.between(aligned, end).toNanos() + b.size.toNanos() - 1) / b.size.toNanos();
        if (buckets > MAX_BUCKETS) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "too_many_buckets",
                    "The range holds " + buckets + " " + b.wire() + " buckets; at most " + MAX_BUCKETS
                            + " are served at once: narrow the range or use a larger bucket",
                    Map.of("buckets", buckets, "max_buckets", MAX_BUCKETS));
        }
        return new TrendQuery(m, b, aligned, end);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, String allowed) {
        if (value == null || value.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "missing_parameter", field + " is required (" + allowed + ")",
                    Map.of("errors", List.of(Map.of("field", field, "message", "is required"))));
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter", field + " is one of " + allowed,
                    Map.of("errors", List.of(Map.of("field", field, "message", "must be " + allowed))));
        }
    }
}

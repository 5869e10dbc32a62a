package io.missioncontrol.approval.approvals;

import io.missioncontrol.platform.web.ApiException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/** The {@code wait} parameter: {@code 30s}, {@code 1500ms}, {@code 1m}, or plain seconds; capped, never negative. */
final class Waits {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,7})(ms|s|m)?");

    static Duration parse(String value, Duration cap) {
        if (value == null || value.isEmpty()) {
            return Duration.ZERO;
        }
        Matcher matcher = FORMAT.matcher(value.strip());
        if (!matcher.matches()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_wait",
                    "wait is a duration such as 30s, 1500ms or 1m (at most " + cap.toSeconds() + "s)",
                    Map.of("errors", java.util.List.of(Map.of("field", "wait", "message", "is not a duration"))));
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        Duration wait = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
        return wait.compareTo(cap) > 0 ? cap : wait;
    }

    private Waits() {
    }
}

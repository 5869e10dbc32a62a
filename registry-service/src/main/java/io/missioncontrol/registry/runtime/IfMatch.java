package io.missioncontrol.registry.runtime;

import io.missioncontrol.platform.web.ApiException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * The versions a write is conditional on, from {@code If-Match}, as task-service reads it: absent or {@code *} means
 * any version; a weak tag counts as the strong one. A runtime at another version is a 409 {@code version_conflict}.
 */
record IfMatch(Set<Long> versions) {

    static final IfMatch ANY = new IfMatch(null);

    private static final Pattern TAG = Pattern.compile("\\s*(?:W/)?\"([0-9]{1,18})\"\\s*");

    static IfMatch parse(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return ANY;
        }
        Set<Long> versions = new HashSet<>();
        for (String tag : header.split(",")) {
            Matcher matcher = TAG.matcher(tag);
            if (!matcher.matches()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_if_match",
                        "If-Match must list entity tags such as \"3\"");
            }
            versions.add(Long.parseLong(matcher.group(1)));
        }
        return new IfMatch(Set.copyOf(versions));
    }

    void check(UUID id, long version) {
        if (versions != null && !versions.contains(version)) {
            throw new ApiException(HttpStatus.CONFLICT, "version_conflict", "Runtime " + id
                    + " was changed by someone else (it is at version " + version + "); read it again and retry",
                    Map.of("current_version", version));
        }
    }
}

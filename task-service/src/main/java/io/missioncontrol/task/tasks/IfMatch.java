package io.missioncontrol.task.tasks;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions a write is conditional on, from its {@code If-Match} header. Without the header (or with {@code *})
 * the write applies to whatever version it finds, still atomically under the row lock; with it, a task at another
 * version is a 409 {@code version_conflict}.
 *
 * <p>A weak tag ({@code W/"3"}) is accepted as {@code "3"}: the version is exact either way, and proxies that
 * compress answers weaken tags, which would otherwise make every conditional write of their clients fail.
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
                throw TaskProblems.invalidIfMatch();
            }
            versions.add(Long.parseLong(matcher.group(1)));
        }
        return new IfMatch(Set.copyOf(versions));
    }

    /** Refuses the write unless the task is at one of the versions the client last saw. */
    void check(Task task) {
        if (versions != null && !versions.contains(task.version())) {
            throw TaskProblems.versionConflict(task.id(), task.version());
        }
    }
}

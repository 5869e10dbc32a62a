package io.missioncontrol.registry.agent;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions a write is conditional on, from its {@code If-Match} header, read as task-service reads it (decision
 * 0007): without the header (or with {@code *}) the write applies to the locked row as it is; with it, an agent at
 * another version is a 409 {@code version_conflict}. A weak tag counts as the strong one.
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
                throw AgentProblems.invalidIfMatch();
            }
            versions.add(Long.parseLong(matcher.group(1)));
        }
        return new IfMatch(Set.copyOf(versions));
    }

    void check(Agent agent) {
        if (versions != null && !versions.contains(agent.version())) {
            throw AgentProblems.versionConflict(agent.id(), agent.version());
        }
    }
}

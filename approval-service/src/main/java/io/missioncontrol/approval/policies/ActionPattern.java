package io.missioncontrol.approval.policies;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Action patterns of policies: {@code *} matches any run of characters, everything else itself. */
final class ActionPattern {

    static final Pattern VALID = Pattern.compile("[a-z0-9_.:*-]{1,100}");

    static boolean matches(String pattern, String action) {
        if (pattern == null) {
            return true;
        }
        String regex = Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote)
                .collect(Collectors.joining(".*"));
        return action.matches(regex);
    }

    /** How specific a pattern is: its literal characters. A pattern without wildcards beats any with them. */
    static int specificity(String pattern) {
        if (pattern == null) {
            return -1;
        }
        int literal = pattern.replace("*", "").length();
        return pattern.contains("*") ? literal : 1000 + literal;
    }

    private ActionPattern() {
    }
}

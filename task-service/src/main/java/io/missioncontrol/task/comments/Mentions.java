package io.missioncontrol.task.comments;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code @mention} tokens of a comment body: {@code @<agent id>}, {@code @<member subject>} or
 * {@code @<member e-mail>}. Parsing only finds candidates; {@link CommentService} keeps those that name a member of the
 * organization or, failing that, are agent ids, so that an "@here" in prose mentions nobody.
 */
final class Mentions {

    /**
     * An {@code @} not preceded by a word character (so the middle of an e-mail address does not start a token),
     * then a subject-like word, optionally followed by an {@code @domain} (an e-mail address).
     */
    private static final Pattern TOKEN = Pattern.compile(
            "(?<![A-Za-z0-9._%+\\-@])@([A-Za-z0-9][A-Za-z0-9._%+\\-|:]*(?:@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)+)?)");

    /** The distinct candidate tokens in order of appearance, trailing punctuation removed. */
    static List<String> tokens(String body) {
        Set<String> tokens = new LinkedHashSet<>();
        Matcher matcher = TOKEN.matcher(body);
        while (matcher.find()) {
            String token = matcher.group(1).replaceAll("[.:\\-]+$", "");
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return new ArrayList<>(tokens);
    }

    /** The token as an agent id, or null when it is not a UUID. */
    static UUID asAgentId(String token) {
        if (token.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** At most 200 characters of the body, for events; cut before a split surrogate pair and marked as cut. */
    static String excerpt(String body) {
        if (body.length() <= 200) {
            return body;
        }
        int end = Character.isHighSurrogate(body.charAt(198)) ? 198 : 199;
        return body.substring(0, end) + "…";
    }

    private Mentions() {
    }
}

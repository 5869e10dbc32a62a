package io.missioncontrol.gateway.auth;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Refuses admin tokens that are easy to guess, so no install runs with a demo value. The admin token opens every
 * organization, so the gateway would rather not start than start with a weak one. Messages never repeat the token.
 */
final class AdminTokenPolicy {

    static final int MINIMUM_LENGTH = 50;

    /** RFC 6750 b64token: anything else could not be sent in an Authorization header anyway. */
    private static final Pattern BEARER_TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    /** Words that only appear in example values; compared after dropping case and punctuation. */
    private static final List<String> PLACEHOLDER_WORDS = List.of(
            "changeme", "placeholder", "example", "yourtoken", "tokenhere", "replaceme", "dummy", "sample");

    /** A real token has many distinct characters; fewer means something like {@code aaaa…} or {@code 0101…}. */
    private static final int MINIMUM_DISTINCT_CHARACTERS = 8;

    /** A value that is a short unit typed over and over ({@code changemechangeme…}) is no secret. */
    private static final int LONGEST_REPEATED_UNIT = 16;

    private AdminTokenPolicy() {
    }

    /**
     * @return the token, when it is good enough
     * @throws IllegalStateException saying what is wrong and how to make a good token
     */
    static String requireUsable(@Nullable String token) {
        problemWith(token).ifPresent(problem -> {
            throw new IllegalStateException("mc.gateway.admin-token (env MC_ADMIN_TOKEN) " + problem
                    + ". Use a random value of at least " + MINIMUM_LENGTH
                    + " characters, for example the output of: openssl rand -base64 48");
        });
        return token;
    }

    static Optional<String> problemWith(@Nullable String token) {
        if (token == null || token.isBlank()) {
            return Optional.of("is not set");
        }
        if (!BEARER_TOKEN.matcher(token).matches()) {
            return Optional.of("may only contain letters, digits and - . _ ~ + / (with = at the end)");
        }
        if (token.length() < MINIMUM_LENGTH) {
            return Optional.of("is too short (" + token.length() + " characters)");
        }
        if (looksLikePlaceholder(token)) {
            return Optional.of("looks like a placeholder, not a secret");
        }
        return Optional.empty();
    }

    private static boolean looksLikePlaceholder(String token) {
        String letters = token.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return PLACEHOLDER_WORDS.stream().anyMatch(letters::contains)
                || token.chars().distinct().count() < MINIMUM_DISTINCT_CHARACTERS
                || repeatsShortUnit(token);
    }

    private static boolean repeatsShortUnit(String token) {
        for (int unit = 1; unit <= LONGEST_REPEATED_UNIT; unit++) {
            if (isPeriodic(token, unit)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPeriodic(String token, int period) {
        for (int i = period; i < token.length(); i++) {
            if (token.charAt(i) != token.charAt(i - period)) {
                return false;
            }
        }
        return true;
    }
}

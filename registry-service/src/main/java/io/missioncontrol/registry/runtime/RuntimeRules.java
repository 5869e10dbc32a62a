package io.missioncontrol.registry.runtime;

import io.missioncontrol.platform.web.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/** What a runtime's settings must look like; a refusal is a 422 {@code validation_failed} naming the field. */
final class RuntimeRules {

    static final int NAME_MAX = 100;
    static final int URL_MAX = 2048;
    static final int TOKEN_MAX = 4096;
    static final int CAPABILITIES_MAX = 50;
    private static final Pattern CAPABILITY = Pattern.compile("[a-z0-9][a-z0-9._:-]{0,63}");

    static String name(String name) {
        if (name == null || name.isBlank()) {
            throw invalid("name", "must not be blank");
        }
        if (name.strip().length() > NAME_MAX) {
            throw invalid("name", "must be at most " + NAME_MAX + " characters");
        }
        return name.strip();
    }

    static String endpointUrl(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("endpoint_url", "must not be blank");
        }
        if (url.length() > URL_MAX) {
            throw invalid("endpoint_url", "must be at most " + URL_MAX + " characters");
        }
        return EndpointPolicy.parse(url).toString();
    }

    /** Lower case, without duplicates, sorted: the set is what counts. */
    static List<String> capabilities(List<String> capabilities) {
        if (capabilities == null) {
            return List.of();
        }
        if (capabilities.size() > CAPABILITIES_MAX) {
            throw invalid("capabilities", "at most " + CAPABILITIES_MAX + " capabilities");
        }
        TreeSet<String> set = new TreeSet<>();
        for (String capability : capabilities) {
            String value = capability == null ? "" : capability.strip().toLowerCase(Locale.ROOT);
            if (!CAPABILITY.matcher(value).matches()) {
                throw invalid("capabilities", "each capability is 1-64 of a-z, 0-9, '.', '_', ':', '-'");
            }
            set.add(value);
        }
        return List.copyOf(set);
    }

    /** A token, or null for none; never echoed in the refusal. */
    static String token(String token) {
        if (token == null) {
            return null;
        }
        if (token.isBlank()) {
            throw invalid("auth_token", "must not be blank (send null to remove the token)");
        }
        if (token.length() > TOKEN_MAX) {
            throw invalid("auth_token", "must be at most " + TOKEN_MAX + " characters");
        }
        return token;
    }

    static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed", field + ": " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    private RuntimeRules() {
    }
}

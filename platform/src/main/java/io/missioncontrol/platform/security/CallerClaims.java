package io.missioncontrol.platform.security;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads a {@link Caller} from the internal token's claims: {@code kind}, {@code sub}, optional {@code org},
 * {@code scopes} and {@code email}. Also a validator, so that a token whose claims do not make a caller is rejected as invalid (401)
 * rather than failing later as a server error.
 */
final class CallerClaims implements OAuth2TokenValidator<Jwt> {

    static Caller callerOf(Jwt jwt) {
        String kind = jwt.getClaimAsString("kind");
        String subject = jwt.getSubject();
        if (kind == null || subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("The token names no kind or subject");
        }
        String organization = jwt.getClaimAsString("org");
        List<String> scopes = jwt.getClaimAsStringList("scopes");
        return new Caller(
                Caller.Kind.valueOf(kind.toUpperCase(Locale.ROOT)),
                subject,
                organization == null ? null : UUID.fromString(organization),
                scopes == null ? Set.of() : Set.copyOf(scopes),
                jwt.getClaimAsString("email"));
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        try {
            callerOf(jwt);
            return OAuth2TokenValidatorResult.success();
        } catch (IllegalArgumentException e) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                    "The token's claims do not describe a caller", null));
        }
    }
}

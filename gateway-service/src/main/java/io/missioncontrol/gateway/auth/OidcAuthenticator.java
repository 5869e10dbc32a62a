package io.missioncontrol.gateway.auth;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * People sign in at an OpenID Connect identity provider and present its JWT (ID or access token). The gateway checks
 * it as a resource server does — signature against the provider's published keys (JWKS, fetched and cached by Spring
 * Security, fetched again when an unknown key id appears), issuer, audience, expiry — and the person becomes a
 * {@code user} caller: subject = {@code sub}, plus {@code email} when the provider vouched for one.
 *
 * <p>A token that does not have the shape of a JWT is not this method's to judge (empty, so another method may know
 * it); a JWT that fails the checks is refused here. When the provider's keys cannot be fetched the request fails as
 * unavailable (503), not as unauthenticated: the client's token may be perfectly good.
 */
final class OidcAuthenticator implements BearerTokenAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(OidcAuthenticator.class);

    /** Asymmetric algorithms only: a token signed with a shared secret (HS256) is never accepted, whatever its key. */
    private static final Set<SignatureAlgorithm> ALGORITHMS = Set.of(
            SignatureAlgorithm.RS256, SignatureAlgorithm.RS384, SignatureAlgorithm.RS512,
            SignatureAlgorithm.PS256, SignatureAlgorithm.PS384, SignatureAlgorithm.PS512,
            SignatureAlgorithm.ES256, SignatureAlgorithm.ES384, SignatureAlgorithm.ES512);

    private final ReactiveJwtDecoder decoder;

    OidcAuthenticator(ReactiveJwtDecoder decoder) {
        this.decoder = decoder;
    }

    /**
     * Checks the settings at start-up, so that a gateway configured for sign-in but without an issuer refuses to
     * start rather than accept tokens of any issuer that shares the provider's keys (multi-tenant providers do).
     */
    static OidcAuthenticator from(OidcProperties properties) {
        String jwkSetUri = properties.jwkSetUri();
        if (jwkSetUri == null || !isHttpUrl(jwkSetUri)) {
            throw new IllegalStateException("mc.gateway.oidc.jwk-set-uri (env MC_OIDC_JWK_SET_URI) must be an http(s)"
                    + " URL of the identity provider's key set, e.g. https://idp.example.com/.well-known/jwks.json");
        }
        String issuer = properties.issuer();
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalStateException("mc.gateway.oidc.issuer (env MC_OIDC_ISSUER) is not set: with sign-in on"
                    + " (mc.gateway.oidc.jwk-set-uri), the gateway needs the issuer its tokens must name");
        }
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri.strip())
                .jwsAlgorithms(algorithms -> algorithms.addAll(ALGORITHMS))
                .validateType(false) // the type is checked below, where at+jwt (RFC 9068 access tokens) is allowed
                .build();
        decoder.setJwtValidator(validator(properties, issuer.strip()));
        if (properties.audience().isEmpty()) {
            log.warn("OIDC sign-in accepts tokens of {} for any audience: set mc.gateway.oidc.audience (env"
                    + " MC_OIDC_AUDIENCE) to this installation's client id to refuse tokens issued to other applications",
                    issuer);
        }
        return new OidcAuthenticator(decoder);
    }

    private static OAuth2TokenValidator<Jwt> validator(OidcProperties properties, String issuer) {
        var expiry = new JwtTimestampValidator(properties.clockSkew());
        expiry.setAllowEmptyExpiryClaim(false); // a token without exp would be valid forever
        var type = new JwtTypeValidator("JWT", "at+jwt");
        type.setAllowEmpty(true); // most providers leave typ out of ID tokens
        var subject = new JwtClaimValidator<Object>(JwtClaimNames.SUB,
                value -> value instanceof String text && !text.isBlank());
        OAuth2TokenValidator<Jwt> checks = JwtValidators.createDefaultWithValidators(
                expiry, type, new JwtIssuerValidator(issuer), subject);
        if (properties.audience().isEmpty()) {
            return checks;
        }
        var audience = new JwtClaimValidator<Object>(JwtClaimNames.AUD,
                value -> value instanceof Collection<?> names && names.stream().anyMatch(properties.audience()::contains));
        return new DelegatingOAuth2TokenValidator<>(checks, audience);
    }

    @Override
    public Mono<GatewayCaller> authenticate(String token) {
        if (!looksLikeJwt(token)) {
            return Mono.empty();
        }
        return decoder.decode(token)
                .map(OidcAuthenticator::callerOf)
                .onErrorMap(BadJwtException.class, e -> {
                    // The reason (expired, wrong issuer, unknown key) helps operators; it never contains the token.
                    log.debug("Refused an identity token: {}", e.getMessage());
                    return new BadCredentialsException("The identity token is not valid");
                })
                // Spring Security reports keys it could not fetch as IllegalStateException("Could not obtain the keys").
                .onErrorMap(e -> (e instanceof JwtException || e instanceof IllegalStateException)
                        && !(e instanceof BadJwtException), e -> {
                    log.warn("Could not check an identity token, the identity provider's keys are unavailable: {}",
                            e.getMessage());
                    return new AuthenticationServiceException("The identity provider's keys are unavailable", e);
                });
    }

    static GatewayCaller callerOf(Jwt jwt) {
        return GatewayCaller.user(jwt.getSubject(), verifiedEmail(jwt));
    }

    /**
     * The address, unless the provider says it did not verify it: memberships granted to an address are bound to
     * whoever presents it first, and anyone can type someone else's address into a sign-up form. Providers that
     * never send {@code email_verified} (some corporate directories) are taken at their word.
     */
    private static @Nullable String verifiedEmail(Jwt jwt) {
        Object email = jwt.getClaims().get("email");
        if (!(email instanceof String address) || address.isBlank()) {
            return null;
        }
        Object verified = jwt.getClaims().get("email_verified");
        boolean refused = Boolean.FALSE.equals(verified)
                || (verified instanceof String text && "false".equals(text.strip().toLowerCase(Locale.ROOT)));
        return refused ? null : address;
    }

    /** Three base64url segments: a signed JWT. Agent keys ({@code mc_<id>.<secret>}) and the admin token are not. */
    private static boolean looksLikeJwt(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        return first > 0 && second > first + 1 && token.indexOf('.', second + 1) < 0 && second < token.length() - 1;
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value.strip());
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

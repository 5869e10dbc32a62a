package io.missioncontrol.gateway.auth;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in for people through an OpenID Connect identity provider. Off while {@code jwkSetUri} is blank: then the
 * admin token is the only way in (local mode).
 *
 * @param jwkSetUri where the provider publishes its signing keys ({@code MC_OIDC_JWK_SET_URI}), e.g.
 *                  {@code https://idp.example.com/realms/acme/protocol/openid-connect/certs}
 * @param issuer    the {@code iss} the provider writes ({@code MC_OIDC_ISSUER}); required when sign-in is on
 * @param audience  the {@code aud} values of which a token must name at least one ({@code MC_OIDC_AUDIENCE},
 *                  comma-separated); empty accepts any audience of that issuer
 * @param clockSkew how far the provider's and the gateway's clocks may disagree
 */
@ConfigurationProperties("mc.gateway.oidc")
record OidcProperties(
        @Nullable String jwkSetUri,
        @Nullable String issuer,
        @DefaultValue List<String> audience,
        @DefaultValue("60s") Duration clockSkew) {

    OidcProperties {
        audience = audience == null ? List.of()
                : audience.stream().filter(value -> value != null && !value.isBlank()).map(String::strip).toList();
    }

    boolean enabled() {
        return jwkSetUri != null && !jwkSetUri.isBlank();
    }
}

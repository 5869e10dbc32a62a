package io.missioncontrol.platform.security;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service checks the gateway's internal token.
 *
 * @param publicKey the gateway's public key, PEM X.509 ({@code MC_INTERNAL_TOKEN_PUBLIC_KEY}); required
 * @param issuer    the {@code iss} the gateway writes
 * @param audience  the {@code aud} the gateway writes
 * @param clockSkew how far the gateway's and this service's clocks may disagree
 * @param observations whether Spring Security observes each request's filters, authentication and authorization
 *                     (a timer and a span per security filter); off by default, as it costs more CPU than the rest
 *                     of a request's security (docs/decisions/0023-request-path-cost.md)
 */
@ConfigurationProperties("mc.internal-token")
record InternalTokenProperties(
        @Nullable String publicKey,
        @DefaultValue("mission-control-gateway") String issuer,
        @DefaultValue("mission-control") String audience,
        @DefaultValue("5s") Duration clockSkew,
        @DefaultValue("false") boolean observations) {
}

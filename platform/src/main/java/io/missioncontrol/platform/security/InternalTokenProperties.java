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
 */
@ConfigurationProperties("mc.internal-token")
record InternalTokenProperties(
        @Nullable String publicKey,
        @DefaultValue("mission-control-gateway") String issuer,
        @DefaultValue("mission-control") String audience,
        @DefaultValue("5s") Duration clockSkew) {
}

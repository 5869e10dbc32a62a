package io.missioncontrol.gateway.internaltoken;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param privateKey the gateway's RSA signing key, PEM PKCS#8 ({@code MC_INTERNAL_TOKEN_PRIVATE_KEY}); the services
 *                   hold the matching public key
 * @param issuer     the {@code iss} every service expects
 * @param audience   the {@code aud} every service expects
 * @param ttl        how long a token is valid; short, because it is minted again for every caller every half-life
 */
@ConfigurationProperties("mc.internal-token")
record InternalTokenProperties(
        @Nullable String privateKey,
        @DefaultValue("mission-control-gateway") String issuer,
        @DefaultValue("mission-control") String audience,
        @DefaultValue("60s") Duration ttl) {

    @Override
    public String toString() {
        return "InternalTokenProperties[privateKey=<redacted>, issuer=" + issuer + ", audience=" + audience
                + ", ttl=" + ttl + "]";
    }
}

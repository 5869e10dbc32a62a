package io.missioncontrol.gateway.auth;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminToken the local-mode admin token ({@code MC_ADMIN_TOKEN}); {@link AdminTokenPolicy} decides whether it
 *                   is good enough to start with
 */
@ConfigurationProperties("mc.gateway")
record AdminTokenProperties(@Nullable String adminToken) {

    @Override
    public String toString() {
        return "AdminTokenProperties[adminToken=<redacted>]";
    }
}

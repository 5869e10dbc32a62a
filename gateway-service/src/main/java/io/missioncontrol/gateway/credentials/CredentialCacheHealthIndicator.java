package io.missioncontrol.gateway.credentials;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Part of readiness: a gateway replica that has not loaded the agent keys yet would refuse every agent, so it takes
 * no traffic until it has. Once loaded it stays UP, Kafka or not (the table keeps serving, decision 0017).
 */
final class CredentialCacheHealthIndicator extends AbstractHealthIndicator {

    private final CredentialTable table;

    CredentialCacheHealthIndicator(CredentialTable table) {
        super("Credential cache health check failed");
        this.table = table;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (table.isLoaded()) {
            builder.up().withDetail("keys", table.size());
        } else {
            builder.down().withDetail("reason", "loading agent keys from " + CredentialCache.TOPIC);
        }
    }
}

package io.missioncontrol.gateway.credentials;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how the gateway reads the credential events.
 *
 * @param bootstrapServers the Kafka brokers, the same {@code KAFKA_BOOTSTRAP_SERVERS} as the services'
 * @param pollTimeout      how long one poll waits for new records; a revocation is applied at most about this long
 *                         (plus the broker's fetch wait) after it reaches Kafka, well inside the promised 5 s
 * @param retryInterval    pause before trying again when Kafka cannot be read (unreachable, topic not created yet)
 */
@ConfigurationProperties("mc.gateway.credentials")
record CredentialCacheProperties(
        @DefaultValue("localhost:19092") String bootstrapServers,
        @DefaultValue("500ms") Duration pollTimeout,
        @DefaultValue("2s") Duration retryInterval) {

    CredentialCacheProperties {
        if (pollTimeout.compareTo(Duration.ofSeconds(2)) > 0) {
            // Revocations must apply within 5 s; a longer poll would eat most of that budget.
            throw new IllegalStateException("mc.gateway.credentials.poll-timeout must be at most 2s, was " + pollTimeout);
        }
    }
}

package io.missioncontrol.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param fallbackPoll    how often the relay looks for unsent rows when no notification arrived (NOTIFY is the
 *                        fast path; this catches a lost notification and retries after a broker outage)
 * @param batchSize       rows published per round trip
 * @param lockRetry       how often a standby replica tries to become the relay
 * @param retention       how long sent rows are kept before bulk deletion
 * @param cleanupInterval how often sent rows past retention are deleted
 */
@ConfigurationProperties("mc.outbox")
public record OutboxProperties(
        @DefaultValue("5s") Duration fallbackPoll,
        @DefaultValue("500") int batchSize,
        @DefaultValue("5s") Duration lockRetry,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("1h") Duration cleanupInterval) {
}

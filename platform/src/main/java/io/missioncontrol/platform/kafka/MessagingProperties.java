package io.missioncontrol.platform.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param partitions           partitions of each domain topic created by the services
 * @param replicationFactor    replicas of each topic (1 for a single local broker, 3 in production)
 * @param retryAttempts        redeliveries of a failing record before it goes to the dead-letter topic
 * @param retryInitialInterval first back-off between redeliveries, doubled each time
 * @param retryMaxInterval     longest back-off between redeliveries
 * @param handlerTimeout       how long a listener waits for its effect before the attempt counts as failed
 */
@ConfigurationProperties("mc.kafka")
public record MessagingProperties(
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("3") int retryAttempts,
        @DefaultValue("200ms") Duration retryInitialInterval,
        @DefaultValue("2s") Duration retryMaxInterval,
        @DefaultValue("30s") Duration handlerTimeout) {
}

package io.missioncontrol.telemetry.heartbeat;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.platform.kafka.MessagingProperties;
import io.missioncontrol.telemetry.presence.PresenceProperties;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** The heartbeat topic, its dead-letter twin, and the batch listener container that writes heartbeats. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TelemetryProperties.class, PresenceProperties.class})
class HeartbeatConfiguration {

    static final String BATCH_FACTORY = "heartbeatBatchListenerContainerFactory";
    /** Raw data: long enough to ride out a database outage, not a week of every host's metrics. */
    static final Duration TOPIC_RETENTION = Duration.ofDays(3);

    /** Not a domain topic, so the platform does not create it. */
    @Bean
    KafkaAdmin.NewTopics heartbeatTopics(MessagingProperties messaging) {
        return new KafkaAdmin.NewTopics(
                new NewTopic(Topics.HEARTBEATS, messaging.partitions(), messaging.replicationFactor())
                        .configs(Map.of("retention.ms", String.valueOf(TOPIC_RETENTION.toMillis()))),
                new NewTopic(Topics.deadLetter(Topics.HEARTBEATS), 1, messaging.replicationFactor()));
    }

    record HeartbeatDeadLetters(DeadLetterPublishingRecoverer recoverer) {
    }

    @Bean
    HeartbeatDeadLetters heartbeatDeadLetters(KafkaTemplate<String, byte[]> kafka) {
        return new HeartbeatDeadLetters(new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), -1)));
    }

    /**
     * Batch mode: a poll's records reach the listener together and are written in one transaction. A failing batch
     * is retried with back-off without end (a database outage must not skip or dead-letter heartbeats); the
     * container pauses the consumer meanwhile, so the group does not rebalance.
     */
    @Bean(BATCH_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> heartbeatBatchListenerContainerFactory(
            ConsumerFactory<String, byte[]> consumers) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
        factory.setConsumerFactory(consumers);
        factory.setBatchListener(true);
        var backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        var handler = new DefaultErrorHandler((record, failure) -> {
            throw new IllegalStateException("heartbeat batches are retried until stored", failure);
        }, backOff);
        factory.setCommonErrorHandler(handler);
        return factory;
    }
}

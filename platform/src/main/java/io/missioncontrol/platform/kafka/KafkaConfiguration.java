package io.missioncontrol.platform.kafka;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.platform.events.EventDecodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka the same way in every service: byte-array values carrying CloudEvents, an idempotent {@code acks=all}
 * producer, listeners that retry a failing record a bounded number of times and then move it to
 * {@code <topic>.dlt} with the failure in its headers, so one poison record never blocks its partition.
 *
 * <p>The factories are declared here with explicit (de)serializers rather than through global
 * {@code spring.kafka.*} serializer properties, which would leak into every producer on the classpath.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MessagingProperties.class)
public class KafkaConfiguration {

    @Bean
    ProducerFactory<String, byte[]> producerFactory(KafkaProperties kafka, ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        // Fail a send within seconds during an outage instead of the two-minute default: the row stays
        // in the outbox and the relay tries again, so nothing waits on a dead broker for long.
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        var factory = new DefaultKafkaProducerFactory<String, byte[]>(config);
        meters.ifAvailable(registry -> factory.addListener(new MicrometerProducerListener<>(registry)));
        return factory;
    }

    @Bean
    KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<String, byte[]> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    @Bean
    ConsumerFactory<String, byte[]> consumerFactory(KafkaProperties kafka, ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new consumer group reads a topic from its beginning: a read model built late still sees every event.
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var factory = new DefaultKafkaConsumerFactory<String, byte[]>(config);
        // Consumer lag and fetch rates on /actuator/prometheus (kafka_consumer_fetch_manager_records_lag_max, …).
        meters.ifAvailable(registry -> factory.addListener(new MicrometerConsumerListener<>(registry)));
        return factory;
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> template, MessagingProperties properties) {
        var recoverer = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        var backOff = new ExponentialBackOff(properties.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        backOff.setMaxAttempts(properties.retryAttempts());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        // Retrying cannot repair a record that is not a valid event: dead-letter it at once.
        handler.addNotRetryableExceptions(EventDecodingException.class, IllegalArgumentException.class);
        return handler;
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> kafkaListenerContainerFactory(
            ConsumerFactory<String, byte[]> consumerFactory, DefaultErrorHandler errorHandler) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
        factory.setConsumerFactory(consumerFactory);
        factory.setCommonErrorHandler(errorHandler);
        return factory;
    }

    /** Every domain topic and its dead-letter twin exist before anyone produces or subscribes. */
    @Bean
    KafkaAdmin.NewTopics domainTopics(MessagingProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.DOMAIN) {
            var newTopic = new NewTopic(topic, properties.partitions(), properties.replicationFactor());
            if (Topics.COMPACTED.contains(topic)) {
                newTopic.configs(Map.of("cleanup.policy", "compact"));
            }
            topics.add(newTopic);
            topics.add(new NewTopic(Topics.deadLetter(topic), 1, properties.replicationFactor()));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean(destroyMethod = "close")
    AdminClient healthAdminClient(KafkaAdmin admin) {
        Map<String, Object> config = new java.util.HashMap<>(admin.getConfigurationProperties());
        config.put("request.timeout.ms", (int) Duration.ofSeconds(3).toMillis());
        config.put("default.api.timeout.ms", (int) Duration.ofSeconds(3).toMillis());
        return AdminClient.create(config);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(AdminClient healthAdminClient) {
        return new KafkaHealthIndicator(healthAdminClient);
    }
}

package io.missioncontrol.gateway.credentials;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A plain Kafka consumer rather than a {@code @KafkaListener}: a listener container wants a consumer group and
 * commits, while the cache must read every partition from the start on every replica and commit nothing. Spring
 * Boot's Kafka auto-configuration stays off in the gateway (see gateway-service.yml).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CredentialCacheProperties.class)
class CredentialCacheConfiguration {

    @Bean
    CredentialTable credentialTable() {
        return new CredentialTable();
    }

    @Bean
    CredentialCache credentialCache(CredentialTable table, CredentialCacheProperties properties) {
        return new CredentialCache(table, consumers(properties), properties.pollTimeout(), properties.retryInterval());
    }

    /** Named so that readiness can include it: {@code credentialCache}. */
    @Bean
    CredentialCacheHealthIndicator credentialCacheHealthIndicator(CredentialTable table) {
        return new CredentialCacheHealthIndicator(table);
    }

    private static Supplier<Consumer<String, byte[]>> consumers(CredentialCacheProperties properties) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-credential-cache");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // No group: nothing is committed, every replica reads everything (assign + seekToBeginning).
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A blocking call (metadata, end offsets) gives up after 10 s instead of a minute, so an unreachable Kafka at
        // start-up is reported and retried promptly.
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        // The broker answers a fetch as soon as a record arrives, or after this: new revocations are not held back.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        return () -> new KafkaConsumer<>(Map.copyOf(config));
    }
}

package io.missioncontrol.gateway;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.Topics;
import io.missioncontrol.infra.TestInfrastructure;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventCodec;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The registry's side of agent keys, as far as the gateway sees it: credential events on the real test broker,
 * encoded with the platform's codec exactly as the registry's outbox relay publishes them.
 */
final class CredentialEvents {

    private static KafkaProducer<String, byte[]> producer;

    private CredentialEvents() {
    }

    /** The test broker, with {@code mc.credentials} created as the deployment creates it (compacted, 3 partitions). */
    static synchronized String bootstrapServers() {
        String servers = TestInfrastructure.shared().kafkaBootstrapServers();
        if (producer == null) {
            try (var admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
                admin.createTopics(java.util.List.of(new NewTopic(Topics.CREDENTIALS, 3, (short) 1)
                        .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Could not create " + Topics.CREDENTIALS, e);
                }
            } catch (InterruptedException | TimeoutException e) {
                throw new IllegalStateException("Could not create " + Topics.CREDENTIALS, e);
            }
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        }
        return servers;
    }

    /** Publishes the event as registry-service does and waits until the broker has it. */
    static void publish(DomainEvent event) {
        bootstrapServers();
        var cloudEvent = EventCodec.cloudEvent(UUID.randomUUID(), event.eventType().name(), "mission-control/registry-service",
                event.subject().toString(), OffsetDateTime.now(ZoneOffset.UTC), event.tenant(),
                new Actor("user", "admin"), event.aggregateVersion(), EventCodec.toJson(event));
        try {
            producer.send(EventCodec.toRecord(event.eventType().topic(), cloudEvent)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish " + event.eventType().name(), e);
        }
    }
}

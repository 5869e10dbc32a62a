package io.missioncontrol.infra;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients, so the tests check the broker the way any service would use it. */
final class KafkaTestClient {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private KafkaTestClient() {
    }

    /** Sends one record and waits until the broker has acknowledged it (on the only replica). */
    static void send(String bootstrapServers, String topic, String value) throws Exception {
        Map<String, Object> settings = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, value)).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** The values a new consumer group receives from the start of the topic, once {@code expected} is among them. */
    static List<String> consumeAsGroup(String bootstrapServers, String group, String topic, String expected) {
        Map<String, Object> settings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            // A consumer must only be used by the thread that created it.
            await().atMost(PATIENCE).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                return values.contains(expected);
            });
            return values;
        }
    }

    /** Every value in the topic, read without a consumer group up to the end offsets of the moment. */
    static List<String> readAll(String bootstrapServers, String topic) {
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, PATIENCE).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions, PATIENCE);
            List<String> values = new ArrayList<>();
            await().atMost(PATIENCE).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                return partitions.stream()
                        .allMatch(partition -> consumer.position(partition) >= endOffsets.get(partition));
            });
            return values;
        }
    }

    static String clusterId(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.describeCluster().clusterId().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }
}

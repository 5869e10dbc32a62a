package io.missioncontrol.gateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.credential.AgentKeyIssued;
import io.missioncontrol.contracts.credential.AgentKeyRevoked;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventCodec;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The consumer side of the cache, against Kafka's MockConsumer: loading, readiness, and odd records. */
class CredentialCacheTest {

    private static final TopicPartition PARTITION_0 = new TopicPartition(CredentialCache.TOPIC, 0);
    private static final TopicPartition PARTITION_1 = new TopicPartition(CredentialCache.TOPIC, 1);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final CredentialTable table = new CredentialTable();
    private final CredentialCache cache =
            new CredentialCache(table, () -> consumer, Duration.ofMillis(10), Duration.ofMillis(50));
    private final UUID agentId = UUID.randomUUID();
    private final UUID organizationId = UUID.randomUUID();

    @AfterEach
    void stop() {
        cache.stop();
    }

    @Test
    void isLoadedOnlyOnceEveryPartitionIsReadUpToItsEndAtStart() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        partitions(Map.of(PARTITION_0, 1L, PARTITION_1, 1L));
        AtomicBoolean loadedBeforeSecondPartition = new AtomicBoolean(true);
        consumer.schedulePollTask(() -> consumer.addRecord(record(PARTITION_0, 0, issued(first))));
        consumer.schedulePollTask(() -> { });
        consumer.schedulePollTask(() -> {
            loadedBeforeSecondPartition.set(table.isLoaded());
            consumer.addRecord(record(PARTITION_1, 0, issued(second)));
        });

        cache.start();

        await().atMost(Duration.ofSeconds(5)).until(table::isLoaded);
        assertThat(loadedBeforeSecondPartition).isFalse();
        assertThat(table.find(first)).isPresent();
        assertThat(table.find(second)).isPresent();
    }

    @Test
    void emptyTopicIsLoadedAtOnce() {
        partitions(Map.of(PARTITION_0, 0L, PARTITION_1, 0L));

        cache.start();

        await().atMost(Duration.ofSeconds(5)).until(table::isLoaded);
        assertThat(table.size()).isZero();
    }

    @Test
    void revocationArrivingAfterLoadingIsApplied() {
        UUID keyId = UUID.randomUUID();
        partitions(Map.of(PARTITION_0, 1L, PARTITION_1, 0L));
        consumer.schedulePollTask(() -> consumer.addRecord(record(PARTITION_0, 0, issued(keyId))));
        cache.start();
        await().atMost(Duration.ofSeconds(5)).until(table::isLoaded);

        consumer.schedulePollTask(() -> consumer.addRecord(record(PARTITION_0, 1,
                new AgentKeyRevoked(keyId, agentId, organizationId, "robot", "revoked", 2))));

        await().atMost(Duration.ofSeconds(5)).until(() -> table.find(keyId).orElseThrow().revoked());
    }

    @Test
    void recordsThatAreNoCredentialEventsAreSkipped() {
        UUID keyId = UUID.randomUUID();
        UUID broken = UUID.randomUUID();
        partitions(Map.of(PARTITION_0, 3L, PARTITION_1, 0L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(new ConsumerRecord<>(CredentialCache.TOPIC, 0, 0, keyId.toString(), "{}".getBytes()));
            consumer.addRecord(record(PARTITION_0, 1, new AgentKeyIssued(broken, agentId, organizationId, "robot",
                    null, List.of(), null, 1)));
            consumer.addRecord(record(PARTITION_0, 2, issued(keyId)));
        });

        cache.start();

        await().atMost(Duration.ofSeconds(5)).until(table::isLoaded);
        assertThat(table.find(keyId)).isPresent();
        assertThat(table.find(broken)).isEmpty();
    }

    @Test
    void deletedRecordRevokesItsKey() {
        UUID keyId = UUID.randomUUID();
        table.issue(issued(keyId));

        cache.apply(new ConsumerRecord<>(CredentialCache.TOPIC, 0, 5, keyId.toString(), null));

        assertThat(table.find(keyId).orElseThrow().revoked()).isTrue();
    }

    @Test
    void waitsForTheTopicToExist() {
        cache.start();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> !table.isLoaded());

        partitions(Map.of(PARTITION_0, 0L, PARTITION_1, 0L));

        await().atMost(Duration.ofSeconds(5)).until(table::isLoaded);
    }

    private void partitions(Map<TopicPartition, Long> endOffsets) {
        Node node = new Node(0, "localhost", 9092);
        consumer.updateBeginningOffsets(Map.of(PARTITION_0, 0L, PARTITION_1, 0L));
        consumer.updateEndOffsets(endOffsets);
        consumer.updatePartitions(CredentialCache.TOPIC, List.of(
                new PartitionInfo(CredentialCache.TOPIC, 0, node, new Node[] {node}, new Node[] {node}),
                new PartitionInfo(CredentialCache.TOPIC, 1, node, new Node[] {node}, new Node[] {node})));
    }

    private AgentKeyIssued issued(UUID keyId) {
        return new AgentKeyIssued(keyId, agentId, organizationId, "robot", "hash", List.of("tasks:read"), null, 1);
    }

    private static ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset, DomainEvent event) {
        var cloudEvent = EventCodec.cloudEvent(UUID.randomUUID(), event.eventType().name(),
                "mission-control/registry-service", event.subject().toString(), OffsetDateTime.now(ZoneOffset.UTC),
                event.tenant(), new Actor("user", "admin"), event.aggregateVersion(), EventCodec.toJson(event));
        var producerRecord = EventCodec.toRecord(partition.topic(), cloudEvent);
        var headers = new RecordHeaders(producerRecord.headers().toArray());
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, 0L,
                TimestampType.CREATE_TIME, 0, 0, producerRecord.key(), producerRecord.value(), headers,
                Optional.empty());
    }
}

package io.missioncontrol.gateway.credentials;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.credential.AgentKeyIssued;
import io.missioncontrol.contracts.credential.AgentKeyRevoked;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.events.EventDecodingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the {@link CredentialTable} up to date from {@code mc.credentials} on a thread of its own (never a Netty event
 * loop: the Kafka consumer blocks).
 *
 * <p>Every replica needs the whole table, so there is no consumer group: the consumer is assigned every partition and
 * reads each from its beginning, and commits nothing. The topic is compacted, so "the beginning" is the latest event
 * per key. The table counts as loaded once the consumer has reached the end offsets it saw when it started; until
 * then agent keys are answered 503 and the gateway is not ready.
 *
 * <p>When Kafka goes away later, the table stays as it is and keeps serving: the gateway stays up for every caller,
 * at the price that a revocation made during the outage applies only once Kafka is back (decision 0017). Partitions
 * added to the topic while the gateway runs are picked up on the next re-read (after a read failure or a restart).
 */
final class CredentialCache implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CredentialCache.class);

    static final String TOPIC = Topics.CREDENTIALS;

    private final CredentialTable table;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Duration pollTimeout;
    private final Duration retryInterval;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile @Nullable Consumer<String, byte[]> current;
    private volatile @Nullable Thread thread;

    CredentialCache(CredentialTable table, Supplier<Consumer<String, byte[]>> consumers, Duration pollTimeout,
                    Duration retryInterval) {
        this.table = table;
        this.consumers = consumers;
        this.pollTimeout = pollTimeout;
        this.retryInterval = retryInterval;
    }

    @Override
    public synchronized void start() {
        if (thread == null) {
            Thread reader = new Thread(this::run, "credential-cache");
            reader.setDaemon(true);
            thread = reader;
            reader.start();
        }
    }

    @Override
    public void stop() {
        stopping.countDown();
        Consumer<String, byte[]> consumer = current;
        if (consumer != null) {
            consumer.wakeup();
        }
        Thread reader = thread;
        if (reader != null) {
            try {
                reader.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        Thread reader = thread;
        return reader != null && reader.isAlive();
    }

    private boolean stopped() {
        return stopping.getCount() == 0;
    }

    private void run() {
        long startedAt = System.nanoTime();
        while (!stopped()) {
            try (Consumer<String, byte[]> consumer = consumers.get()) {
                current = consumer;
                read(consumer, startedAt);
            } catch (WakeupException e) {
                // stop() woke the consumer up: leave the loop.
            } catch (RuntimeException e) {
                log.warn("Cannot read {} ({}); agent keys are {} meanwhile. Trying again in {}", TOPIC, e.toString(),
                        table.isLoaded() ? "checked against the table as it was" : "answered 503", retryInterval);
                pause();
            } finally {
                current = null;
            }
        }
    }

    private void read(Consumer<String, byte[]> consumer, long startedAt) {
        List<TopicPartition> partitions = partitionsOf(consumer);
        if (partitions.isEmpty()) {
            return;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> loadedAt = table.isLoaded() ? Map.of() : consumer.endOffsets(partitions);
        while (!stopped()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(pollTimeout)) {
                apply(record);
            }
            if (!table.isLoaded() && reached(consumer, loadedAt)) {
                table.markLoaded();
                log.info("Credential cache loaded: {} agent key ids from {} partitions of {} in {} ms", table.size(),
                        partitions.size(), TOPIC, (System.nanoTime() - startedAt) / 1_000_000);
            }
        }
    }

    /** The topic's partitions, once it exists; empty only when stopping. */
    private List<TopicPartition> partitionsOf(Consumer<String, byte[]> consumer) {
        boolean reported = false;
        while (!stopped()) {
            var infos = consumer.partitionsFor(TOPIC);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            if (!reported) {
                // Created by the deployment (kafka-topics, KafkaTopic) or by the services at start-up.
                log.warn("Topic {} does not exist yet; agent keys are answered 503 until it does", TOPIC);
                reported = true;
            }
            pause();
        }
        return List.of();
    }

    private static boolean reached(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> endOffsets) {
        for (var end : endOffsets.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Applies one record; a record that is not a credential event is skipped (an unknown key stays refused). */
    void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            // A deleted key (tombstone): whatever it was, it must not keep working.
            keyIdOf(record).ifPresent(keyId -> table.revoke(keyId, 0));
            return;
        }
        try {
            var data = EventCodec.decode(record).data();
            if (data instanceof AgentKeyIssued issued) {
                table.issue(issued);
            } else if (data instanceof AgentKeyRevoked revoked) {
                table.revoke(revoked);
                log.debug("Agent key {} revoked ({})", revoked.keyId(), revoked.reason());
            }
        } catch (EventDecodingException | IllegalArgumentException | NullPointerException e) {
            // Skipped, not retried: the same record would fail again on every re-read and the table would never load.
            // The key of this topic is the key id, which is no secret; the value is never logged.
            log.error("Skipped record {}-{}@{} (key {}): {}", record.topic(), record.partition(), record.offset(),
                    record.key(), e.getMessage());
        }
    }

    private static Optional<UUID> keyIdOf(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(UUID.fromString(String.valueOf(record.key())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void pause() {
        try {
            stopping.await(retryInterval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }
}

package io.missioncontrol.platform.stream;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.platform.events.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;

/**
 * The records one replica has read, in the order it read them, bounded by count and by age: what a client that
 * reconnects with {@code Last-Event-ID} is replayed from. Not thread-safe; {@link StreamHub} guards it.
 *
 * <p>Besides the records it tracks, per partition, three offsets: where the replica stands ({@code head}), where it
 * stood before the oldest record kept ({@code base}, from which the position after every kept record follows), and
 * the lowest position from which it can prove it holds every later record ({@code floor}: raised by eviction, and
 * by a gap in the offsets it read). A client further back than the floor of any partition cannot be resumed.
 */
final class ReplayBuffer {

    /**
     * One record read from Kafka. {@code event} is null for a record that is not a valid event, or a repeat of one
     * kept: it is kept so that positions computed during a replay equal those sent live, but it is never shown.
     */
    static final class Entry {

        private final TopicPartition partition;
        private final long offset;
        private final Instant receivedAt;
        private EventEnvelope<DomainEvent> event;
        private String message;

        Entry(TopicPartition partition, long offset, Instant receivedAt, EventEnvelope<DomainEvent> event) {
            this.partition = partition;
            this.offset = offset;
            this.receivedAt = receivedAt;
            this.event = event;
        }

        TopicPartition partition() {
            return partition;
        }

        long offset() {
            return offset;
        }

        Instant receivedAt() {
            return receivedAt;
        }

        EventEnvelope<DomainEvent> event() {
            return event;
        }

        /** The message JSON, rendered once however many clients receive it. */
        String message() {
            if (message == null) {
                message = StreamMessages.eventJson(event);
            }
            return message;
        }
    }

    /** A record to show a resuming client, and the position the client is at once it has seen it. */
    record Replayed(Entry entry, StreamPosition position) {
    }

    private final int capacity;
    private final Duration retention;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Map<TopicPartition, Long> base = new HashMap<>();
    private final Map<TopicPartition, Long> floor = new HashMap<>();
    private final Map<TopicPartition, Long> head = new HashMap<>();
    /** The ids of the events kept: the relay publishes at least once, and a repeat is not shown again. */
    private final Set<UUID> eventIds = new HashSet<>();

    ReplayBuffer(int capacity, Duration retention) {
        this.capacity = capacity;
        this.retention = retention;
    }

    /** The replica reads a partition it has never read, from {@code position}: it knows nothing before it. */
    void start(TopicPartition partition, long position) {
        if (!head.containsKey(partition)) {
            base.put(partition, position);
            floor.put(partition, position);
            head.put(partition, position);
        }
    }

    /** The next offset to read from the partition, or null for a partition never read. */
    Long head(TopicPartition partition) {
        return head.get(partition);
    }

    /** Where the replica stands in every partition it reads. */
    StreamPosition head() {
        return StreamPosition.of(head);
    }

    int size() {
        return entries.size();
    }

    /**
     * Keeps a record read after the previous ones, evicting the oldest beyond the capacity. A second copy of an event
     * still kept (the relay published it twice) is kept as a position only, and its event dropped.
     *
     * @return false when the record is one already kept (a partition read again from an earlier offset)
     */
    boolean append(Entry entry) {
        TopicPartition partition = entry.partition();
        Long expected = head.get(partition);
        if (expected == null) {
            start(partition, entry.offset());
        } else if (entry.offset() < expected) {
            return false;
        } else if (entry.offset() > expected) {
            // Offsets the replica skipped (its position was reset past them): whatever they held is unknown here.
            floor.merge(partition, entry.offset(), Math::max);
        }
        head.put(partition, entry.offset() + 1);
        if (entry.event() != null && !eventIds.add(entry.event().id())) {
            entry.event = null;
        }
        entries.addLast(entry);
        while (entries.size() > capacity) {
            evictOldest();
        }
        return true;
    }

    /** Forgets records read longer ago than the retention. */
    void expire(Instant now) {
        Instant cutoff = now.minus(retention);
        while (!entries.isEmpty() && entries.peekFirst().receivedAt().isBefore(cutoff)) {
            evictOldest();
        }
    }

    private void evictOldest() {
        Entry oldest = entries.removeFirst();
        if (oldest.event() != null) {
            eventIds.remove(oldest.event().id());
        }
        base.put(oldest.partition(), oldest.offset() + 1);
        floor.merge(oldest.partition(), oldest.offset() + 1, Math::max);
    }

    /**
     * The valid events after {@code from} that the client wants, in the order this replica read them, each with the
     * position the client is at after it; empty when the buffer cannot prove it holds all of them (the client is
     * older than the floor of some partition, or names none for a partition this replica reads).
     */
    Optional<List<Replayed>> after(StreamPosition from, Predicate<EventEnvelope<DomainEvent>> wanted) {
        for (var partition : head.entrySet()) {
            Long next = from.next(partition.getKey());
            if (next == null || next < floor.get(partition.getKey())) {
                return Optional.empty();
            }
        }
        List<Replayed> replay = new ArrayList<>();
        Map<TopicPartition, Long> running = new HashMap<>(base);
        for (Entry entry : entries) {
            running.put(entry.partition(), entry.offset() + 1);
            if (entry.event() != null && entry.offset() >= from.next(entry.partition())
                    && wanted.test(entry.event())) {
                replay.add(new Replayed(entry, StreamPosition.of(running).max(from)));
            }
        }
        return Optional.of(replay);
    }
}

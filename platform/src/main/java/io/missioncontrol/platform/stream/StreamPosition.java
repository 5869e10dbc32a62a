package io.missioncontrol.platform.stream;

import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a client stands in the topics a stream reads: for each topic-partition, the offset of the next record it has
 * not been shown (Kafka's committed-offset convention). It is the SSE {@code id}, written
 * {@code mc.tasks-0:15,mc.tasks-1:7,mc.tasks-2:22}.
 *
 * <p>Offsets are the same for every consumer of a partition, so a position written by one replica means the same on
 * any other: a client can resume wherever its reconnection lands, with nothing missed and nothing shown twice, even
 * though replicas interleave the partitions differently. A CloudEvent id could only be looked up in one replica's
 * order, which is not the client's.
 */
final class StreamPosition {

    private static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    static final StreamPosition NONE = new StreamPosition(new TreeMap<>(ORDER));

    /** Longer than any position of a few topics with hundreds of partitions; a longer header is refused unread. */
    private static final int MAX_ENCODED_LENGTH = 16 * 1024;
    private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9._-]+)-([0-9]{1,9}):([0-9]{1,19})");

    private final SortedMap<TopicPartition, Long> next;

    private StreamPosition(SortedMap<TopicPartition, Long> next) {
        this.next = Collections.unmodifiableSortedMap(next);
    }

    static StreamPosition of(Map<TopicPartition, Long> next) {
        var sorted = new TreeMap<TopicPartition, Long>(ORDER);
        sorted.putAll(next);
        return new StreamPosition(sorted);
    }

    /** The position a client sent back as {@code Last-Event-ID}; empty when it is not one this API writes. */
    static Optional<StreamPosition> parse(String encoded) {
        if (encoded == null || encoded.isBlank() || encoded.length() > MAX_ENCODED_LENGTH) {
            return Optional.empty();
        }
        var next = new TreeMap<TopicPartition, Long>(ORDER);
        for (String entry : encoded.strip().split(",")) {
            var match = ENTRY.matcher(entry.strip());
            if (!match.matches()) {
                return Optional.empty();
            }
            try {
                var partition = new TopicPartition(match.group(1), Integer.parseInt(match.group(2)));
                if (next.put(partition, Long.parseLong(match.group(3))) != null) {
                    return Optional.empty();
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new StreamPosition(next));
    }

    /** The next offset of the partition not yet shown, or null when this position says nothing about it. */
    Long next(TopicPartition partition) {
        return next.get(partition);
    }

    boolean isEmpty() {
        return next.isEmpty();
    }

    /** Partition by partition, the further of the two: what a client has seen from either. */
    StreamPosition max(StreamPosition other) {
        if (other.isEmpty() || dominates(other)) {
            return this;
        }
        var merged = new TreeMap<TopicPartition, Long>(ORDER);
        merged.putAll(next);
        other.next.forEach((partition, offset) -> merged.merge(partition, offset, Math::max));
        return new StreamPosition(merged);
    }

    /** True when this position is at or past the other one in every partition the other names. */
    boolean dominates(StreamPosition other) {
        for (var entry : other.next.entrySet()) {
            Long mine = next.get(entry.getKey());
            if (mine == null || mine < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    String encode() {
        var text = new StringBuilder(next.size() * 16);
        next.forEach((partition, offset) -> {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(partition.topic()).append('-').append(partition.partition()).append(':').append(offset);
        });
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreamPosition position && next.equals(position.next);
    }

    @Override
    public int hashCode() {
        return next.hashCode();
    }

    @Override
    public String toString() {
        return encode();
    }
}

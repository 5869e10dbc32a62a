package io.missioncontrol.platform.stream;

import static io.missioncontrol.platform.stream.TaskEvents.P0;
import static io.missioncontrol.platform.stream.TaskEvents.P1;
import static io.missioncontrol.platform.stream.TaskEvents.created;
import static io.missioncontrol.platform.stream.TaskEvents.onBoard;
import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.platform.events.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {

    private static final UUID BOARD = UUID.randomUUID();
    private static final UUID OTHER_BOARD = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final ReplayBuffer buffer = new ReplayBuffer(100, Duration.ofMinutes(10));
    /** The replica's position after each record, as the live stream sends it. */
    private final List<StreamPosition> positions = new ArrayList<>();

    @Test
    void replaysExactlyTheWantedEventsAfterAPositionWithThePositionAfterEach() {
        start(0, 0);
        read(P0, 0, BOARD, "first");
        read(P1, 0, OTHER_BOARD, "elsewhere");
        read(P1, 1, BOARD, "second");
        read(P0, 1, BOARD, "third");

        var replay = buffer.after(positions.get(0), onBoard(BOARD)).orElseThrow();

        assertThat(replay).extracting(replayed -> TaskEvents.title(replayed.entry().event()))
                .containsExactly("second", "third");
        assertThat(replay).extracting(ReplayBuffer.Replayed::position).containsExactly(positions.get(2), positions.get(3));
        assertThat(buffer.after(positions.get(3), onBoard(BOARD)).orElseThrow()).isEmpty();
    }

    @Test
    void startsFromWhereTheReplicaBeganReading() {
        start(40, 7);
        read(P0, 40, BOARD, "first");

        assertThat(buffer.after(position(40, 7), onBoard(BOARD)).orElseThrow()).hasSize(1);
        assertThat(buffer.after(position(39, 7), onBoard(BOARD)))
                .as("offset 39 came before this replica started").isEmpty();
    }

    @Test
    void keepsAtMostItsCapacity() {
        var small = new ReplayBuffer(3, Duration.ofMinutes(10));
        small.start(P0, 0);
        small.start(P1, 0);
        for (int offset = 0; offset < 5; offset++) {
            small.append(new ReplayBuffer.Entry(P0, offset, NOW, created(BOARD, "task " + offset)));
        }

        assertThat(small.size()).isEqualTo(3);
        assertThat(small.after(position(1, 0), onBoard(BOARD))).as("offset 1 was evicted").isEmpty();
        assertThat(small.after(position(2, 0), onBoard(BOARD)).orElseThrow())
                .extracting(replayed -> replayed.entry().offset()).containsExactly(2L, 3L, 4L);
    }

    @Test
    void forgetsWhatIsOlderThanTheRetention() {
        start(0, 0);
        buffer.append(new ReplayBuffer.Entry(P0, 0, NOW, created(BOARD, "old")));
        buffer.append(new ReplayBuffer.Entry(P0, 1, NOW.plus(Duration.ofMinutes(6)), created(BOARD, "recent")));

        buffer.expire(NOW.plus(Duration.ofMinutes(11)));

        assertThat(buffer.size()).isEqualTo(1);
        assertThat(buffer.after(position(0, 0), onBoard(BOARD))).isEmpty();
        assertThat(buffer.after(position(1, 0), onBoard(BOARD)).orElseThrow()).hasSize(1);
    }

    @Test
    void cannotResumeAPositionThatSaysNothingAboutOneOfItsPartitions() {
        start(0, 0);
        read(P0, 0, BOARD, "first");

        assertThat(buffer.after(StreamPosition.of(Map.of(P0, 0L)), onBoard(BOARD))).isEmpty();
        assertThat(buffer.after(StreamPosition.NONE, onBoard(BOARD))).isEmpty();
    }

    @Test
    void resumesAPositionAheadOfItsOwnWithoutShowingAnythingTwice() {
        start(0, 0);
        read(P0, 0, BOARD, "seen elsewhere");
        read(P1, 0, BOARD, "not yet seen");

        var replay = buffer.after(position(1, 0), onBoard(BOARD)).orElseThrow();

        assertThat(replay).extracting(replayed -> TaskEvents.title(replayed.entry().event()))
                .containsExactly("not yet seen");
        // Another replica wrote the position further on in P0 than this one has read: it must not go backwards.
        var ahead = buffer.after(position(5, 0), onBoard(BOARD)).orElseThrow();
        assertThat(ahead).hasSize(1);
        assertThat(ahead.get(0).position()).isEqualTo(position(5, 1));
    }

    @Test
    void offsetsItSkippedCannotBeResumedOver() {
        start(0, 0);
        read(P0, 0, BOARD, "first");
        read(P0, 5, BOARD, "after a gap");

        assertThat(buffer.after(position(1, 0), onBoard(BOARD))).isEmpty();
        assertThat(buffer.after(position(5, 0), onBoard(BOARD)).orElseThrow()).hasSize(1);
    }

    @Test
    void ignoresARecordReadAgain() {
        start(0, 0);
        read(P0, 0, BOARD, "first");

        assertThat(buffer.append(new ReplayBuffer.Entry(P0, 0, NOW, created(BOARD, "first again")))).isFalse();
        assertThat(buffer.size()).isEqualTo(1);
    }

    @Test
    void replaysNothingForARecordThatWasNotAnEventButCountsItsPosition() {
        start(0, 0);
        read(P0, 0, BOARD, "first");
        buffer.append(new ReplayBuffer.Entry(P0, 1, NOW, null));
        read(P0, 2, BOARD, "after garbage");

        var replay = buffer.after(position(1, 0), onBoard(BOARD)).orElseThrow();

        assertThat(replay).hasSize(1);
        assertThat(replay.get(0).position()).isEqualTo(position(3, 0));
    }

    @Test
    void showsAnEventPublishedTwiceOnceWhileItKeepsTheFirstCopy() {
        start(0, 0);
        EventEnvelope<DomainEvent> event = created(BOARD, "twice");
        buffer.append(new ReplayBuffer.Entry(P0, 0, NOW, event));
        var repeat = new ReplayBuffer.Entry(P1, 0, NOW, event);
        buffer.append(repeat);

        assertThat(repeat.event()).as("kept as a position only").isNull();
        assertThat(buffer.after(position(0, 0), onBoard(BOARD)).orElseThrow()).hasSize(1);
        assertThat(buffer.head()).isEqualTo(position(1, 1));
    }

    private void start(long p0, long p1) {
        buffer.start(P0, p0);
        buffer.start(P1, p1);
    }

    private void read(TopicPartition partition, long offset, UUID board, String title) {
        EventEnvelope<DomainEvent> event = created(board, title);
        assertThat(buffer.append(new ReplayBuffer.Entry(partition, offset, NOW, event))).isTrue();
        positions.add(buffer.head());
    }

    private static StreamPosition position(long p0, long p1) {
        return StreamPosition.of(Map.of(P0, p0, P1, p1));
    }
}

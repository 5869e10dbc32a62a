package io.missioncontrol.platform.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamPositionTest {

    private static final TopicPartition TASKS_0 = new TopicPartition("mc.tasks", 0);
    private static final TopicPartition TASKS_1 = new TopicPartition("mc.tasks", 1);
    private static final TopicPartition GROUPS_2 = new TopicPartition("mc.board-groups", 2);

    @Test
    void writesPartitionsInOneOrderWhateverTheMapsOrder() {
        var position = StreamPosition.of(Map.of(TASKS_1, 7L, TASKS_0, 15L, GROUPS_2, 3L));

        assertThat(position.encode()).isEqualTo("mc.board-groups-2:3,mc.tasks-0:15,mc.tasks-1:7");
    }

    @Test
    void readsBackWhatItWrote() {
        var position = StreamPosition.of(Map.of(TASKS_1, 7L, TASKS_0, 15L, GROUPS_2, 3L));

        assertThat(StreamPosition.parse(position.encode())).contains(position);
        assertThat(StreamPosition.parse(position.encode()).orElseThrow().next(GROUPS_2)).isEqualTo(3L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "0b8f3c2e-1111-2222-3333-444455556666", "mc.tasks-0", "mc.tasks:5",
            "mc.tasks-0:-1", "mc.tasks-x:1", "mc.tasks-0:1,mc.tasks-0:2", "mc.tasks-0:1,,mc.tasks-1:2",
            "mc tasks-0:1", "mc.tasks-0:99999999999999999999"})
    void refusesWhatItDidNotWrite(String id) {
        assertThat(StreamPosition.parse(id)).isEmpty();
    }

    @Test
    void refusesAnAbsurdlyLongId() {
        assertThat(StreamPosition.parse("mc.tasks-0:1,".repeat(2000) + "mc.tasks-1:1")).isEmpty();
    }

    @Test
    void takesTheFurtherOfTwoPositionsPartitionByPartition() {
        var here = StreamPosition.of(Map.of(TASKS_0, 10L, TASKS_1, 4L));
        var there = StreamPosition.of(Map.of(TASKS_0, 8L, TASKS_1, 6L, GROUPS_2, 1L));

        assertThat(here.max(there)).isEqualTo(StreamPosition.of(Map.of(TASKS_0, 10L, TASKS_1, 6L, GROUPS_2, 1L)));
        assertThat(here.dominates(there)).isFalse();
        assertThat(here.max(there).dominates(here)).isTrue();
        assertThat(here.max(StreamPosition.NONE)).isSameAs(here);
    }
}

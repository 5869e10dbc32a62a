package io.missioncontrol.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.contracts.task.TaskCreated;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    static final UUID TASK = UUID.fromString("5b7e1c1e-3a52-4d4e-9a0c-1f1f2b7c9d10");
    static final UUID BOARD = UUID.fromString("7c0a4f4e-9a3b-4a39-8c56-5d2e0d1f2a33");
    static final UUID ORG = UUID.fromString("0e9d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b");

    @Test
    void writesEventDataAsSnakeCaseJson() {
        var data = new TaskCreated(TASK, BOARD, ORG, "Ship it", null, "todo", "high", null, 0);

        String json = new String(EventCodec.toJson(data), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"task_id\":\"" + TASK + "\",\"board_id\":\"" + BOARD
                + "\",\"organization_id\":\"" + ORG + "\",\"title\":\"Ship it\",\"description\":null,"
                + "\"status\":\"todo\",\"priority\":\"high\",\"assigned_agent_id\":null,\"due_date\":null,"
                + "\"dependencies\":[],\"version\":0}");
    }

    @Test
    void travelsAsBinaryCloudEventKeyedByAggregate() {
        var data = new TaskCreated(TASK, BOARD, ORG, "Ship it", "details", "todo", "high", null, 3);
        UUID id = UUID.randomUUID();
        OffsetDateTime time = OffsetDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC);
        var event = EventCodec.cloudEvent(id, TaskCreated.TYPE.name(), "mission-control/task-service",
                TASK.toString(), time, ORG, new Actor("admin", "admin"), 3, EventCodec.toJson(data));

        ProducerRecord<String, byte[]> produced = EventCodec.toRecord("mc.tasks", event);
        var consumed = new ConsumerRecord<>(produced.topic(), 0, 0L, 0L, TimestampType.CREATE_TIME, 0, 0,
                produced.key(), produced.value(), new RecordHeaders(produced.headers().toArray()),
                java.util.Optional.empty());
        EventEnvelope<?> decoded = EventCodec.decode(consumed);

        assertThat(produced.key()).isEqualTo(TASK.toString());
        assertThat(produced.headers().lastHeader("ce_type").value())
                .isEqualTo("mc.task.created.v1".getBytes(StandardCharsets.UTF_8));
        assertThat(produced.headers().lastHeader("ce_orgid")).isNotNull();
        assertThat(decoded).isEqualTo(new EventEnvelope<>(id, "mc.task.created.v1", "mission-control/task-service",
                TASK.toString(), time, ORG, new Actor("admin", "admin"), 3, data));
    }

    @Test
    void refusesAnUnknownEventType() {
        var event = EventCodec.cloudEvent(UUID.randomUUID(), "mc.nothing.happened.v1", "test", "x",
                OffsetDateTime.now(), null, Actor.system("test"), 0, "{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> EventCodec.decode(event)).isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("mc.nothing.happened.v1");
    }

    @Test
    void refusesARecordThatIsNotACloudEvent() {
        var record = new ConsumerRecord<String, byte[]>("mc.tasks", 0, 0L, "key", "garbage".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> EventCodec.decode(record)).isInstanceOf(EventDecodingException.class);
    }
}

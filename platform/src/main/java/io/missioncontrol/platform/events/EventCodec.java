package io.missioncontrol.platform.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventCatalog;
import io.missioncontrol.contracts.EventType;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns domain events into CloudEvents 1.0 in Kafka binary mode (attributes in {@code ce_*} headers, JSON data
 * as the record value) and back. It owns its JSON mapper so that no service's web settings can change the wire.
 */
public final class EventCodec {

    public static final String ORGANIZATION_ID = "orgid";
    public static final String ACTOR_TYPE = "actortype";
    public static final String ACTOR_ID = "actorid";
    public static final String AGGREGATE_VERSION = "aggregateversion";

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventCodec() {
    }

    /** The event data as the JSON that travels on the wire (snake_case). */
    public static byte[] toJson(DomainEvent data) {
        return JSON.writeValueAsBytes(data);
    }

    public static <T extends DomainEvent> T fromJson(byte[] json, Class<T> type) {
        return JSON.readValue(json, type);
    }

    /** The CloudEvent for an outbox row: every attribute is fixed when the row is written, never at publish time. */
    public static CloudEvent cloudEvent(UUID id, String type, String source, String subject, OffsetDateTime time,
                                        UUID organizationId, Actor actor, long aggregateVersion, byte[] data) {
        var builder = CloudEventBuilder.v1()
                .withId(id.toString())
                .withType(type)
                .withSource(URI.create(source))
                .withSubject(subject)
                .withTime(time)
                .withDataContentType("application/json")
                .withExtension(ACTOR_TYPE, actor.type())
                .withExtension(ACTOR_ID, actor.id())
                .withExtension(AGGREGATE_VERSION, aggregateVersion)
                .withData(data);
        if (organizationId != null) {
            builder.withExtension(ORGANIZATION_ID, organizationId.toString());
        }
        return builder.build();
    }

    /** Keyed by subject, so that one aggregate's events share a partition and stay in order. */
    public static ProducerRecord<String, byte[]> toRecord(String topic, CloudEvent event) {
        return KafkaMessageFactory.createWriter(topic, null, null, event.getSubject()).writeBinary(event);
    }

    public static EventEnvelope<DomainEvent> decode(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            throw new EventDecodingException("Not a CloudEvent: " + e.getMessage(), e);
        }
        return decode(event);
    }

    public static EventEnvelope<DomainEvent> decode(CloudEvent event) {
        EventType<?> type = EventCatalog.find(event.getType())
                .orElseThrow(() -> new EventDecodingException("Unknown event type " + event.getType(), null));
        try {
            DomainEvent data = fromJson(event.getData() == null ? new byte[0] : event.getData().toBytes(), type.dataClass());
            Object orgId = event.getExtension(ORGANIZATION_ID);
            Object version = event.getExtension(AGGREGATE_VERSION);
            return new EventEnvelope<>(
                    UUID.fromString(event.getId()),
                    event.getType(),
                    event.getSource().toString(),
                    event.getSubject(),
                    event.getTime(),
                    orgId == null ? null : UUID.fromString(orgId.toString()),
                    new Actor(String.valueOf(event.getExtension(ACTOR_TYPE)), String.valueOf(event.getExtension(ACTOR_ID))),
                    version == null ? 0 : Long.parseLong(version.toString()),
                    data);
        } catch (RuntimeException e) {
            throw new EventDecodingException("Invalid data for " + event.getType() + ": " + e.getMessage(), e);
        }
    }
}

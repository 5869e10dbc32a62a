package io.missioncontrol.contracts;

import java.util.UUID;

/**
 * The data of one domain event. Implementations are records whose components are the event's JSON
 * fields (snake_case on the wire). The methods here are not components and do not travel in the data:
 * they fill the CloudEvents envelope.
 */
public interface DomainEvent {

    /** The type descriptor: stable type name, topic and data class. */
    EventType<?> eventType();

    /** The aggregate the event is about: the CloudEvents {@code subject} and the Kafka key. */
    UUID subject();

    /** The tenant the aggregate belongs to: the {@code orgid} extension. */
    UUID tenant();

    /** The aggregate's version after this event; read models ignore events older than what they hold. */
    long aggregateVersion();

    /** One sentence for people reading the activity timeline, e.g. {@code Task "Ship it" created}. */
    String summary();
}

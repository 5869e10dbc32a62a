package io.missioncontrol.platform.inbox;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.events.EventEnvelope;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Makes a consumer idempotent: the event id is recorded in the same transaction as the event's effect, so a
 * redelivered event (after a rebalance, a crash, or a relay that published twice) changes nothing.
 */
public class Inbox {

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final Duration timeout;

    public Inbox(DatabaseClient db, TransactionalOperator transactions, Duration timeout) {
        this.db = db;
        this.transactions = transactions;
        this.timeout = timeout;
    }

    /**
     * Decodes a Kafka record and applies its effect once, on the listener thread. Listener containers run on
     * their own threads, not on Netty's event loops, so waiting here is what keeps a partition's records in order
     * and lets the container's error handler retry and dead-letter a failing record.
     *
     * @return true when the effect was applied, false when the event had been processed before
     */
    public boolean handle(String consumer, ConsumerRecord<String, byte[]> record,
                          Function<EventEnvelope<DomainEvent>, Mono<Void>> effect) {
        EventEnvelope<DomainEvent> event = EventCodec.decode(record);
        return Boolean.TRUE.equals(process(consumer, event.id(), effect.apply(event)).block(timeout));
    }

    /** Applies the effect unless this consumer has processed the event before, atomically with recording it. */
    public Mono<Boolean> process(String consumer, UUID eventId, Mono<Void> effect) {
        Mono<Boolean> once = db.sql("""
                        INSERT INTO mc_processed_event (consumer, event_id) VALUES (:consumer, :eventId)
                        ON CONFLICT DO NOTHING""")
                .bind("consumer", consumer)
                .bind("eventId", eventId)
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 1 ? effect.thenReturn(true) : Mono.just(false));
        return transactions.transactional(once);
    }
}

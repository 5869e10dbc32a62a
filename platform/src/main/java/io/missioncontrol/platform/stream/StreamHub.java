package io.missioncontrol.platform.stream;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.platform.events.EventEnvelope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

/**
 * Fans the records one replica reads out to the clients connected to it, and replays its buffer to clients that
 * resume. Kafka-free, so that it can be tested on its own; {@link EventStream} feeds it.
 *
 * <p>Each client has its own bounded queue (a unicast sink). Offering to it never waits: a client whose queue is full
 * is dropped with {@code event: resync}, so a slow client holds up neither the others nor the Kafka consumer.
 *
 * <p>One lock orders everything that touches positions: a record's arrival, a client's registration with its replay,
 * and heartbeats. That is what makes each message's id exact: a heartbeat queued for a client comes after every event
 * for that client up to the position it names, and a replay ends exactly where the live events begin.
 */
final class StreamHub {

    /** Hands messages to the client's connection off the Kafka thread, a few at a time. */
    private static final int HANDOVER_PREFETCH = 32;

    private final ReplayBuffer buffer;
    private final int subscriberBuffer;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Subscriber> subscribers = new ArrayList<>();

    StreamHub(StreamProperties properties, Clock clock) {
        this.buffer = new ReplayBuffer(properties.bufferSize(), properties.retention());
        this.subscriberBuffer = properties.subscriberBuffer();
        this.clock = clock;
    }

    /** The replica was given partitions: where to read each one it read before, to continue without a gap. */
    Optional<Long> resumeAt(TopicPartition partition) {
        return locked(() -> Optional.ofNullable(buffer.head(partition)));
    }

    /** The replica reads a partition it never read before, from {@code position}. */
    void started(TopicPartition partition, long position) {
        locked(() -> {
            buffer.start(partition, position);
            return null;
        });
    }

    /** A record read from Kafka; {@code event} is null when it was not a valid event. */
    void accept(TopicPartition partition, long offset, EventEnvelope<DomainEvent> event) {
        var entry = new ReplayBuffer.Entry(partition, offset, clock.instant(), event);
        lock.lock();
        try {
            if (!buffer.append(entry)) {
                return;
            }
            buffer.expire(entry.receivedAt());
            if (entry.event() == null || subscribers.isEmpty()) {
                return;
            }
            StreamPosition head = null;
            String sharedId = null;
            for (Iterator<Subscriber> it = subscribers.iterator(); it.hasNext(); ) {
                Subscriber subscriber = it.next();
                if (!subscriber.wants(entry)) {
                    continue;
                }
                if (head == null) {
                    head = buffer.head();
                }
                StreamPosition position = subscriber.positionAt(head);
                String id;
                if (position == head) {
                    if (sharedId == null) {
                        sharedId = head.encode();
                    }
                    id = sharedId;
                } else {
                    id = position.encode();
                }
                if (!subscriber.offer(StreamMessages.event(entry, id), position)) {
                    it.remove();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Every connected client gets a comment carrying its current position; old records are forgotten. */
    void heartbeat() {
        lock.lock();
        try {
            buffer.expire(clock.instant());
            StreamPosition head = buffer.head();
            subscribers.removeIf(subscriber -> {
                StreamPosition position = subscriber.positionAt(head);
                return !subscriber.offer(StreamMessages.heartbeat(position), position);
            });
        } finally {
            lock.unlock();
        }
    }

    /**
     * A client's stream: {@code ready}, then either the events it missed since {@code lastEventId} (or a
     * {@code resync} when they cannot all be replayed), then live events, in this replica's reading order.
     *
     * @param wanted      which events this client sees (e.g. the ones on its board)
     * @param lastEventId the id of the last message the client received, or null for a fresh start
     */
    Flux<ServerSentEvent<String>> subscribe(Predicate<EventEnvelope<DomainEvent>> wanted, String lastEventId) {
        var subscriber = new Subscriber(wanted,
                Sinks.many().unicast().onBackpressureBuffer(Queues.<ServerSentEvent<String>>get(subscriberBuffer).get()));
        List<ServerSentEvent<String>> opening = new ArrayList<>();
        lock.lock();
        try {
            StreamPosition head = buffer.head();
            if (lastEventId == null) {
                opening.add(StreamMessages.ready(head, false));
            } else {
                Optional<StreamPosition> from = StreamPosition.parse(lastEventId);
                Optional<List<ReplayBuffer.Replayed>> missed = from.flatMap(position -> buffer.after(position, wanted));
                if (missed.isPresent()) {
                    subscriber.from = from.get();
                    opening.add(StreamMessages.ready(from.get(), true));
                    missed.get().forEach(replayed -> opening.add(
                            StreamMessages.event(replayed.entry(), replayed.position().encode())));
                } else {
                    opening.add(StreamMessages.ready(head, false));
                    opening.add(StreamMessages.resync(head, StreamMessages.POSITION_UNKNOWN));
                }
            }
            subscribers.add(subscriber);
        } finally {
            lock.unlock();
        }
        return Flux.concat(Flux.fromIterable(opening), subscriber.sink.asFlux(), Mono.fromSupplier(subscriber::farewell))
                .publishOn(Schedulers.parallel(), HANDOVER_PREFETCH)
                .doFinally(signal -> remove(subscriber));
    }

    /** Ends every client's stream (the replica is stopping); they reconnect, with their position, elsewhere. */
    void completeAll() {
        lock.lock();
        try {
            subscribers.forEach(subscriber -> subscriber.sink.tryEmitComplete());
            subscribers.clear();
        } finally {
            lock.unlock();
        }
    }

    int subscriberCount() {
        return locked(subscribers::size);
    }

    int bufferedRecords() {
        return locked(buffer::size);
    }

    private void remove(Subscriber subscriber) {
        lock.lock();
        try {
            subscribers.remove(subscriber);
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** One connected client. Its fields are written under the hub's lock. */
    private static final class Subscriber {

        private final Predicate<EventEnvelope<DomainEvent>> wanted;
        private final Sinks.Many<ServerSentEvent<String>> sink;
        /**
         * Where the client stood when it resumed, while this replica has not caught up with it there (it resumed from
         * a position another replica wrote): earlier records are not shown again, and ids never go backwards.
         */
        private StreamPosition from = StreamPosition.NONE;
        private volatile ServerSentEvent<String> farewell;

        Subscriber(Predicate<EventEnvelope<DomainEvent>> wanted, Sinks.Many<ServerSentEvent<String>> sink) {
            this.wanted = wanted;
            this.sink = sink;
        }

        boolean wants(ReplayBuffer.Entry entry) {
            Long next = from.next(entry.partition());
            return (next == null || entry.offset() >= next) && wanted.test(entry.event());
        }

        /** The client's position once it has seen everything up to the replica's {@code head}. */
        StreamPosition positionAt(StreamPosition head) {
            if (from.isEmpty()) {
                return head;
            }
            if (head.dominates(from)) {
                from = StreamPosition.NONE;
                return head;
            }
            return head.max(from);
        }

        /**
         * Queues a message without waiting. A full queue drops the client: it gets what was queued, then a resync at
         * {@code position} — the state it reloads already holds everything up to there, so it can resume from it.
         *
         * @return false when the client is gone or was dropped
         */
        boolean offer(ServerSentEvent<String> message, StreamPosition position) {
            Sinks.EmitResult result = sink.tryEmitNext(message);
            if (result.isSuccess()) {
                return true;
            }
            if (result == Sinks.EmitResult.FAIL_OVERFLOW || result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
                farewell = StreamMessages.resync(position, StreamMessages.TOO_SLOW);
                sink.tryEmitComplete();
            }
            return false;
        }

        ServerSentEvent<String> farewell() {
            return farewell;
        }
    }
}

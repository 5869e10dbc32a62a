package io.missioncontrol.platform.stream;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.events.EventDecodingException;
import io.missioncontrol.platform.events.EventEnvelope;
import io.missioncontrol.platform.web.ApiException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.CommonLoggingErrorHandler;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A live stream of a service's own events for Server-Sent Events clients, fed from Kafka, never from the database.
 * A service declares one bean per set of topics; its controllers {@link #open open} filtered streams of it.
 *
 * <p>Every replica reads the topics in full through a consumer group of its own (a broadcast), starting at the end
 * of each partition and committing nothing, keeps what it read in a bounded {@link ReplayBuffer}, and fans it out to
 * the clients connected to it. Message ids are Kafka positions, so a client that reconnects with
 * {@code Last-Event-ID} resumes on any replica (docs/decisions/0009-live-streams.md).
 *
 * <p>This is not a consumer in the sense of the inbox: it writes nothing, so it needs no deduplication table, and it
 * has no dead letters — a record that is not a valid event is skipped here with a warning; the service's real
 * consumers dead-letter it.
 */
public class EventStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private final List<String> topics;
    private final ConsumerFactory<String, byte[]> consumers;
    private final StreamProperties properties;
    private final StreamHub hub;
    private final String groupId;
    private final Sinks.Empty<Void> live = Sinks.empty();
    private volatile KafkaMessageListenerContainer<String, byte[]> container;
    private volatile Disposable heartbeats;
    private volatile boolean reading;

    /**
     * @param serviceName names the consumer group, {@code <service>-stream-<random>}: one per replica and start
     * @param topics      the topics streamed
     */
    public EventStream(String serviceName, Collection<String> topics, ConsumerFactory<String, byte[]> consumers,
                       StreamProperties properties, Clock clock) {
        this.topics = List.copyOf(topics);
        this.consumers = consumers;
        this.properties = properties;
        this.hub = new StreamHub(properties, clock);
        this.groupId = serviceName + "-stream-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A client's stream of the events it wants, once this replica reads its topics: {@code ready} at once, then what
     * the client missed since {@code lastEventId} (or {@code resync}), then live events, and a heartbeat comment
     * every {@link StreamProperties#heartbeat()}. Answers 503 {@code stream_unavailable} when the replica has not
     * started reading within {@link StreamProperties#readyTimeout()} (start-up, Kafka away).
     *
     * @param wanted      which events the client sees; called on the Kafka consumer's thread, so it must be quick
     * @param lastEventId the client's {@code Last-Event-ID}, or null
     */
    public Mono<Flux<ServerSentEvent<String>>> open(Predicate<EventEnvelope<DomainEvent>> wanted, String lastEventId) {
        return live.asMono()
                .timeout(properties.readyTimeout(), Mono.error(() -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                        "stream_unavailable", "Live events are not available yet; try again shortly")))
                .then(Mono.fromSupplier(() -> Flux.defer(() -> hub.subscribe(wanted, lastEventId))));
    }

    /**
     * Like {@link #open(Predicate, String)}, for a client whose right to watch can end while it watches (a member
     * removed, a board archived): every {@code mc.stream.access-recheck} the stream asks {@code stillAllowed} again,
     * in the client's own security context, and completes when the answer is no, empty or an error. The client
     * reconnects, if it wants to, and meets the check at the door like anyone.
     */
    public Mono<Flux<ServerSentEvent<String>>> open(Predicate<EventEnvelope<DomainEvent>> wanted, String lastEventId,
                                                     Mono<Boolean> stillAllowed) {
        Mono<Long> accessLost = Flux.interval(properties.accessRecheck())
                .concatMap(tick -> stillAllowed.onErrorReturn(false).defaultIfEmpty(false))
                .filter(allowed -> !allowed)
                .next()
                .map(lost -> 0L);
        return open(wanted, lastEventId).map(events -> events.takeUntilOther(accessLost));
    }

    /** True once the replica reads every topic of the stream. */
    public boolean isLive() {
        return reading;
    }

    /** Clients connected to this replica. */
    public int connectedClients() {
        return hub.subscriberCount();
    }

    /** Records this replica holds for resuming clients. */
    public int bufferedRecords() {
        return hub.bufferedRecords();
    }

    @Override
    public void start() {
        var container = new ContainerProperties(topics.toArray(String[]::new));
        container.setGroupId(groupId);
        container.setClientId(groupId);
        var overrides = new Properties();
        // A new replica shows what happens from now on; what came before is the state clients load over HTTP.
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        container.setKafkaConsumerProperties(overrides);
        // Nothing is ever acknowledged, so nothing is committed: the group dies with the replica.
        container.setAckMode(ContainerProperties.AckMode.MANUAL);
        container.setConsumerRebalanceListener(new Positions());
        container.setMessageListener((MessageListener<String, byte[]>) this::onRecord);
        var listener = new KafkaMessageListenerContainer<>(consumers, container);
        listener.setBeanName(groupId);
        // Failures are logged and the record is passed over: no retries, no dead letters (see the class comment).
        listener.setCommonErrorHandler(new CommonLoggingErrorHandler());
        listener.start();
        this.container = listener;
        this.heartbeats = Flux.interval(properties.heartbeat()).subscribe(tick -> hub.heartbeat());
        log.info("Streaming {} to live clients through consumer group {}", topics, groupId);
    }

    /** Ends every client's stream first, so they reconnect elsewhere rather than hold up a graceful shutdown. */
    @Override
    public void stop() {
        hub.completeAll();
        if (heartbeats != null) {
            heartbeats.dispose();
        }
        if (container != null) {
            container.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return container != null && container.isRunning();
    }

    private void onRecord(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<DomainEvent> event = null;
        try {
            event = EventCodec.decode(record);
        } catch (EventDecodingException e) {
            log.warn("Not streaming {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
        hub.accept(new TopicPartition(record.topic(), record.partition()), record.offset(), event);
    }

    /**
     * Fixes where each assigned partition is read from: where this replica left it, when it read it before (the group
     * commits nothing, so Kafka would otherwise skip to the end), or its current end.
     */
    private final class Positions implements ConsumerAwareRebalanceListener {

        @Override
        public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                var known = hub.resumeAt(partition);
                if (known.isPresent()) {
                    consumer.seek(partition, known.get());
                } else {
                    hub.started(partition, consumer.position(partition));
                }
            }
            Set<String> read = new HashSet<>();
            consumer.assignment().forEach(partition -> read.add(partition.topic()));
            if (read.containsAll(topics) && !reading) {
                reading = true;
                live.tryEmitEmpty();
                log.info("Live stream of {} is ready", topics);
            }
        }
    }
}

package io.missioncontrol.platform.outbox;

import io.cloudevents.CloudEvent;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventCodec;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Publishes committed outbox rows to Kafka, oldest first, at least once.
 *
 * <p>One replica at a time relays: it holds a PostgreSQL session advisory lock on a dedicated connection (not one
 * from the pool). The same connection LISTENs for the outbox trigger's NOTIFY, so a commit wakes the relay at
 * once; a slow fallback poll catches anything else (a missed notification, a broker that came back). When the
 * connection dies the lock goes with it, and a standby replica takes over.
 *
 * <p>A row is marked sent only after Kafka acknowledged it (idempotent producer, {@code acks=all}). A crash between
 * acknowledgement and marking re-publishes the row: consumers deduplicate on the event id.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** The advisory lock key: the same in every service, each of which has its own database. */
    private static final long LOCK_KEY = 0x6d632d6f7574626fL;
    private static final String CHANNEL = "mc_outbox";

    private final ConnectionFactory listenConnections;
    private final DatabaseClient db;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final AtomicBoolean leader = new AtomicBoolean();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private Scheduler sender;
    private volatile Disposable running;

    public OutboxRelay(ConnectionFactory listenConnections, DatabaseClient db, KafkaTemplate<String, byte[]> kafka,
                       OutboxProperties properties) {
        this.listenConnections = listenConnections;
        this.db = db;
        this.kafka = kafka;
        this.properties = properties;
    }

    /** True while this replica holds the relay lock. */
    public boolean isLeader() {
        return leader.get();
    }

    /**
     * Rows written but not yet acknowledged by Kafka, as of the relay's last round (refreshed on every wake-up, at
     * least every fallback poll); 0 on a standby replica. Exported as the {@code mc.outbox.backlog} gauge.
     */
    public long backlog() {
        return backlog.get();
    }

    /** Rows this replica has published since it started; the {@code mc.outbox.published} counter. */
    public long published() {
        return published.get();
    }

    @Override
    public void start() {
        // KafkaTemplate.send can block while it waits for metadata: keep that off the event loops.
        sender = Schedulers.newSingle("outbox-relay");
        running = Flux.defer(this::lead)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, properties.lockRetry().dividedBy(5))
                        .maxBackoff(properties.lockRetry().multipliedBy(6))
                        .doBeforeRetry(signal -> log.warn("Outbox relay lost its connection, reconnecting: {}",
                                signal.failure().toString())))
                .subscribe();
    }

    @Override
    public void stop() {
        if (running != null) {
            running.dispose();
        }
        if (sender != null) {
            sender.dispose();
        }
        leader.set(false);
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }

    @Override
    public int getPhase() {
        // Stop before the Kafka producer and the connection pool are closed.
        return Integer.MAX_VALUE - 100;
    }

    private Flux<Void> lead() {
        return Flux.usingWhen(
                Mono.from(listenConnections.create()).cast(PostgresqlConnection.class),
                connection -> awaitLock(connection)
                        .then(execute(connection, "LISTEN " + CHANNEL))
                        .thenMany(Flux.defer(() -> {
                            leader.set(true);
                            log.info("Outbox relay is active on this replica");
                            return Flux.merge(wakeUps(connection).onBackpressureLatest().concatMap(tick -> drain(), 1),
                                    Flux.interval(properties.cleanupInterval()).onBackpressureDrop()
                                            .concatMap(tick -> cleanUp(), 1));
                        })),
                connection -> {
                    leader.set(false);
                    return connection.close();
                });
    }

    private Mono<Void> awaitLock(PostgresqlConnection connection) {
        return Mono.defer(() -> connection.createStatement("SELECT pg_try_advisory_lock($1)")
                        .bind("$1", LOCK_KEY)
                        .execute()
                        .flatMap(result -> result.map((row, metadata) -> Boolean.TRUE.equals(row.get(0, Boolean.class))))
                        .next())
                .filter(Boolean::booleanValue)
                .repeatWhenEmpty(attempts -> attempts.delayElements(properties.lockRetry()))
                .then();
    }

    /** A wake-up now, on every notification, and on every fallback tick; errors when the connection is gone. */
    private Flux<Object> wakeUps(PostgresqlConnection connection) {
        Flux<Object> notifications = connection.getNotifications().cast(Object.class)
                .concatWith(Mono.error(new IllegalStateException("LISTEN connection closed")));
        Flux<Object> fallback = Flux.interval(properties.fallbackPoll())
                .concatMap(tick -> Mono.from(connection.validate(ValidationDepth.REMOTE))
                        .flatMap(valid -> valid ? Mono.just(tick)
                                : Mono.error(new IllegalStateException("LISTEN connection is no longer valid"))));
        return Flux.merge(Mono.just("start"), notifications, fallback);
    }

    /** Publishes unsent rows batch by batch until none are left or Kafka refuses one. */
    Mono<Void> drain() {
        return fetchUnsent()
                .flatMap(rows -> rows.isEmpty() ? Mono.just(false)
                        : publish(rows).flatMap(sent -> markSent(sent)
                                .thenReturn(sent.size() == rows.size() && rows.size() == properties.batchSize())))
                .flatMap(more -> more ? drain() : countBacklog())
                .onErrorResume(e -> {
                    log.warn("Outbox relay could not drain, will retry: {}", e.toString());
                    return countBacklog().onErrorResume(ignored -> Mono.empty());
                });
    }

    private Mono<Void> countBacklog() {
        return db.sql("SELECT count(*) FROM mc_outbox WHERE sent_at IS NULL")
                .map(row -> row.get(0, Long.class))
                .one()
                .doOnNext(backlog::set)
                .then();
    }

    private Mono<List<Row>> fetchUnsent() {
        return db.sql("""
                        SELECT seq, event_id, topic, type, source, subject, organization_id, actor_type, actor_id,
                               aggregate_version, occurred_at, data
                        FROM mc_outbox WHERE sent_at IS NULL ORDER BY seq LIMIT :limit""")
                .bind("limit", properties.batchSize())
                .map(row -> new Row(
                        row.get("seq", Long.class),
                        row.get("topic", String.class),
                        EventCodec.cloudEvent(
                                row.get("event_id", UUID.class),
                                row.get("type", String.class),
                                row.get("source", String.class),
                                row.get("subject", String.class),
                                row.get("occurred_at", OffsetDateTime.class),
                                row.get("organization_id", UUID.class),
                                new Actor(row.get("actor_type", String.class), row.get("actor_id", String.class)),
                                row.get("aggregate_version", Long.class),
                                row.get("data", Json.class).asArray())))
                .all()
                .collectList();
    }

    /**
     * Sends the whole batch at once (the idempotent producer keeps each partition in order) and answers the
     * sequence numbers of the longest acknowledged prefix: rows after a failure are retried, in order, later.
     */
    private Mono<List<Long>> publish(List<Row> rows) {
        return Mono.fromCallable(() -> rows.stream().map(this::send).toList())
                .subscribeOn(sender)
                .flatMap(futures -> {
                    List<Long> acknowledged = new ArrayList<>(rows.size());
                    return Flux.range(0, rows.size())
                            .concatMap(i -> Mono.fromFuture(futures.get(i)).thenReturn(rows.get(i).seq()))
                            .doOnNext(acknowledged::add)
                            .then(Mono.just(acknowledged))
                            .onErrorResume(e -> {
                                log.warn("Kafka did not acknowledge outbox row {}, will retry: {}",
                                        rows.get(acknowledged.size()).seq(), e.toString());
                                return Mono.just(acknowledged);
                            });
                });
    }

    private CompletableFuture<SendResult<String, byte[]>> send(Row row) {
        try {
            return kafka.send(EventCodec.toRecord(row.topic(), row.event()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Mono<Void> markSent(List<Long> seqs) {
        if (seqs.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("UPDATE mc_outbox SET sent_at = now() WHERE seq = ANY(:seqs)")
                .bind("seqs", seqs.toArray(Long[]::new))
                .then()
                .doOnSuccess(done -> published.addAndGet(seqs.size()));
    }

    private Mono<Void> cleanUp() {
        return db.sql("DELETE FROM mc_outbox WHERE sent_at < now() - make_interval(secs => :seconds)")
                .bind("seconds", (double) properties.retention().toSeconds())
                .fetch().rowsUpdated()
                .doOnNext(deleted -> log.debug("Deleted {} sent outbox rows", deleted))
                .then()
                .onErrorResume(e -> {
                    log.warn("Outbox clean-up failed, will retry: {}", e.toString());
                    return Mono.empty();
                });
    }

    private static Mono<Void> execute(PostgresqlConnection connection, String sql) {
        return connection.createStatement(sql).execute().flatMap(PostgresqlResult::getRowsUpdated).then();
    }

    private record Row(long seq, String topic, CloudEvent event) {
    }
}

package io.missioncontrol.telemetry.heartbeat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps the daily partitions of the raw tables: creates the coming days' ahead of time (the writer never meets a
 * missing partition) and drops every partition whose whole day is older than {@code mc.telemetry.raw-retention}. A
 * dropped partition is gone in one statement, with no per-row deletes, no dead tuples and no vacuum debt. Idempotent,
 * so every replica may run it; it runs at start (before the heartbeat listener) and then periodically.
 */
@Component
class RawPartitions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RawPartitions.class);
    static final List<String> TABLES = List.of("heartbeat", "token_usage", "agent_error");
    private static final Pattern PARTITION = Pattern.compile("^(heartbeat|token_usage|agent_error)_p(\\d{8})$");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final DatabaseClient db;
    private final TelemetryProperties properties;
    private final Clock clock;
    private volatile Disposable running;

    RawPartitions(DatabaseClient db, TelemetryProperties properties, Clock clock) {
        this.db = db;
        this.properties = properties;
        this.clock = clock;
    }

    /** Creates missing partitions from yesterday to {@code partitionsAhead} days ahead, drops expired ones. */
    Mono<Void> maintain() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        // The oldest day that may still hold a raw point: a partition ending before it is expired.
        LocalDate oldestKept = LocalDate.ofInstant(clock.instant().minus(properties.rawRetention()), ZoneOffset.UTC);
        Mono<Void> create = db.sql("SELECT telemetry_ensure_partitions(CAST(:from AS DATE), CAST(:to AS DATE))")
                .bind("from", today.minusDays(1).toString())
                .bind("to", today.plusDays(properties.partitionsAhead()).toString())
                .then();
        Flux<String> expired = db.sql("""
                        SELECT c.relname AS name FROM pg_inherits i
                        JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                        WHERE p.relname IN ('heartbeat', 'token_usage', 'agent_error')""")
                .map(row -> row.get("name", String.class))
                .all()
                .filter(name -> {
                    var match = PARTITION.matcher(name);
                    return match.matches() && LocalDate.parse(match.group(2), DAY).isBefore(oldestKept);
                });
        return create.thenMany(expired.concatMap(name -> db.sql("DROP TABLE IF EXISTS " + name).then()
                        .doOnSuccess(done -> log.info("Dropped expired raw partition {}", name))))
                .then();
    }

    @Override
    public void start() {
        try {
            maintain().block(properties.writeTimeout());
        } catch (RuntimeException e) {
            // The migration created the first days; the periodic run catches up once the database is back.
            log.warn("Could not maintain the raw partitions at start: {}", e.toString());
        }
        running = Flux.interval(properties.maintenanceInterval())
                .onBackpressureDrop()
                .concatMap(tick -> maintain().onErrorResume(e -> {
                    log.warn("Could not maintain the raw partitions: {}", e.toString());
                    return Mono.empty();
                }), 0)
                .subscribe();
    }

    /** Before the Kafka listener containers start, so the first batch finds today's partition. */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}

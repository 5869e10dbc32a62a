package io.missioncontrol.telemetry.presence;

import io.missioncontrol.contracts.agent.AgentWentOffline;
import io.missioncontrol.contracts.agent.AgentWentOnline;
import io.missioncontrol.platform.outbox.Outbox;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Online/offline per agent, kept in {@code agent_presence} with a version that counts transitions. Each transition
 * and its event ({@code mc.agent.online.v1} / {@code mc.agent.offline.v1}) are written in one transaction through the
 * outbox, so a crash or restart at any point neither loses nor repeats a transition: the row says what was
 * announced, and the outbox publishes what was committed.
 */
@Service
public class PresenceService {

    /** pg advisory lock key of the offline sweep ("mc-presn"): one replica sweeps at a time. */
    private static final long SWEEP_LOCK = 0x6d632d707265736eL;

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final Outbox outbox;
    private final PresenceProperties properties;

    PresenceService(DatabaseClient db, TransactionalOperator transactions, Outbox outbox,
                    PresenceProperties properties) {
        this.db = db;
        this.transactions = transactions;
        this.outbox = outbox;
        this.properties = properties;
    }

    /** A heartbeat of an agent, received by the server at {@code receivedAt}. */
    public record Sighting(UUID agentId, UUID organizationId, Instant receivedAt) {
    }

    /**
     * Records heartbeats; an agent that was offline or unknown comes online, unless its newest heartbeat is already
     * older than the offline threshold (a backlog replayed after an outage does not revive an agent only to drop it
     * a second later). Runs inside the caller's transaction (the heartbeat writer's).
     */
    public Mono<Void> seen(List<Sighting> sightings) {
        if (sightings.isEmpty()) {
            return Mono.empty();
        }
        Map<UUID, Sighting> latest = new HashMap<>();
        sightings.forEach(s -> latest.merge(s.agentId(), s,
                (a, b) -> a.receivedAt().isAfter(b.receivedAt()) ? a : b));
        List<Sighting> agents = latest.values().stream().sorted(Comparator.comparing(Sighting::agentId)).toList();
        return db.sql("""
                        INSERT INTO agent_presence AS p (agent_id, organization_id, online, last_seen_at, version,
                                                         changed_at)
                        SELECT agent_id, organization_id, last_seen_at >= now() - CAST(:offlineAfter AS INTERVAL),
                               last_seen_at, 0, now()
                        FROM unnest(CAST(:agents AS UUID[]), CAST(:orgs AS UUID[]), CAST(:seen AS TIMESTAMPTZ[]))
                             AS s(agent_id, organization_id, last_seen_at)
                        ON CONFLICT (agent_id) DO UPDATE SET
                               last_seen_at = greatest(p.last_seen_at, EXCLUDED.last_seen_at),
                               online = p.online OR EXCLUDED.online,
                               version = p.version + CASE WHEN NOT p.online AND EXCLUDED.online THEN 1 ELSE 0 END,
                               changed_at = CASE WHEN NOT p.online AND EXCLUDED.online THEN now()
                                                 ELSE p.changed_at END
                        RETURNING agent_id, organization_id, last_seen_at, version, online AND changed_at = now()
                                  AS came_online""")
                .bind("offlineAfter", properties.offlineAfter().toMillis() + " milliseconds")
                .bind("agents", agents.stream().map(s -> s.agentId().toString()).toArray(String[]::new))
                .bind("orgs", agents.stream().map(s -> s.organizationId().toString()).toArray(String[]::new))
                .bind("seen", agents.stream().map(s -> s.receivedAt().toString()).toArray(String[]::new))
                .map(row -> Boolean.TRUE.equals(row.get("came_online", Boolean.class))
                        ? Optional.of(new AgentWentOnline(row.get("agent_id", UUID.class),
                                row.get("organization_id", UUID.class),
                                row.get("last_seen_at", OffsetDateTime.class).toInstant(),
                                row.get("version", Long.class)))
                        : Optional.<AgentWentOnline>empty())
                .all()
                // Read the whole result before the next statement: on one connection, an outbox insert issued while
                // RETURNING rows are still streaming waits for them, and they wait for it (a deadlock with many rows).
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(event -> event.map(outbox::append).orElse(Mono.empty()))
                .then();
    }

    /**
     * Turns every online agent silent for longer than the threshold offline, with its event. One replica at a time
     * (a transaction-scoped advisory lock; the others skip the round). Running it twice changes nothing the second
     * time: the rows are offline already.
     *
     * @return how many agents went offline
     */
    public Mono<Integer> sweep() {
        Mono<Integer> work = db.sql("SELECT pg_try_advisory_xact_lock(:key) AS locked")
                .bind("key", SWEEP_LOCK)
                .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
                .one()
                .flatMap(locked -> !locked ? Mono.just(0) : db.sql("""
                                UPDATE agent_presence SET online = FALSE, version = version + 1, changed_at = now()
                                WHERE online AND last_seen_at < now() - CAST(:offlineAfter AS INTERVAL)
                                RETURNING agent_id, organization_id, last_seen_at, version""")
                        .bind("offlineAfter", properties.offlineAfter().toMillis() + " milliseconds")
                        .map(row -> new AgentWentOffline(row.get("agent_id", UUID.class),
                                row.get("organization_id", UUID.class),
                                row.get("last_seen_at", OffsetDateTime.class).toInstant(),
                                row.get("version", Long.class)))
                        .all()
                        .collectList()
                        .flatMapMany(Flux::fromIterable)
                        .concatMap(event -> outbox.append(event).thenReturn(event))
                        .count()
                        .map(Long::intValue));
        return transactions.transactional(work);
    }

    /** The presence of one agent, for tests and the read side; empty when it never sent a heartbeat. */
    public Mono<AgentPresence> find(UUID agentId) {
        return db.sql("SELECT * FROM agent_presence WHERE agent_id = :agentId")
                .bind("agentId", agentId)
                .map(row -> new AgentPresence(row.get("agent_id", UUID.class), row.get("organization_id", UUID.class),
                        Boolean.TRUE.equals(row.get("online", Boolean.class)),
                        row.get("last_seen_at", OffsetDateTime.class).toInstant(), row.get("version", Long.class)))
                .one();
    }

    public record AgentPresence(UUID agentId, UUID organizationId, boolean online, Instant lastSeenAt, long version) {
    }
}

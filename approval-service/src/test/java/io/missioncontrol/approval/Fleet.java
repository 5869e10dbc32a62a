package io.missioncontrol.approval;

import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.agent.AgentRegistered;
import io.missioncontrol.contracts.organization.MembershipAdded;
import io.missioncontrol.contracts.organization.OrganizationCreated;
import io.missioncontrol.contracts.task.TaskCreated;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventCodec;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

/** What other services announce, published to Kafka as they would, and awaited in the read models. */
public final class Fleet {

    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private final KafkaTemplate<String, byte[]> kafka;
    private final DatabaseClient db;

    public Fleet(KafkaTemplate<String, byte[]> kafka, DatabaseClient db) {
        this.kafka = kafka;
        this.db = db;
    }

    /**
     * A live organization with members (subject → role), known to this service's membership copy once this returns,
     * as task-service would announce it.
     */
    public UUID organization(Map<String, String> members) {
        UUID organization = UUID.randomUUID();
        publish(new OrganizationCreated(organization, "Org " + organization, null, 0), "task-service");
        long version = 0;
        for (var member : members.entrySet()) {
            publish(new MembershipAdded(organization, UUID.randomUUID(), member.getKey(), null, member.getValue(),
                    ++version), "task-service");
        }
        long expected = members.size();
        await().atMost(PATIENCE).until(() -> db.sql("""
                        SELECT count(*) AS n FROM mc_replica_membership m
                        JOIN mc_replica_organization o ON o.id = m.organization_id AND o.live
                        WHERE m.organization_id = :id""")
                .bind("id", organization).map((row, meta) -> row.get("n", Long.class)).one().block() == expected
                && count("SELECT count(*) AS n FROM mc_replica_organization WHERE id = :id AND live", organization) == 1);
        return organization;
    }

    /** A task of the organization on the board, known here once this returns. */
    public UUID task(UUID organization, UUID board, String title, UUID agent) {
        UUID task = UUID.randomUUID();
        publish(new TaskCreated(task, board, organization, title, null, "in_progress", "high", agent, null, List.of(), 1),
                "task-service");
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) AS n FROM known_task WHERE id = :id", task) == 1);
        return task;
    }

    public UUID agent(UUID organization, List<String> capabilities) {
        UUID agent = UUID.randomUUID();
        publish(new AgentRegistered(agent, organization, "agent " + agent, capabilities, "active", 1),
                "registry-service");
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) AS n FROM known_agent WHERE id = :id", agent) == 1);
        return agent;
    }

    /** Publishes the event as the service would; answers its event id. */
    public UUID publish(DomainEvent event, String service) {
        UUID id = UUID.randomUUID();
        var cloudEvent = EventCodec.cloudEvent(id, event.eventType().name(), "/" + service,
                event.subject().toString(), OffsetDateTime.now(), event.tenant(), Actor.system(service),
                event.aggregateVersion(), EventCodec.toJson(event));
        try {
            kafka.send(EventCodec.toRecord(event.eventType().topic(), cloudEvent)).get();
        } catch (Exception e) {
            throw new AssertionError("could not publish " + event, e);
        }
        return id;
    }

    /** Whether the consumer has handled the event (its inbox row is there). */
    public boolean handled(String consumer, UUID eventId) {
        return db.sql("SELECT count(*) AS n FROM mc_processed_event WHERE consumer = :consumer AND event_id = :id")
                .bind("consumer", consumer).bind("id", eventId)
                .map((row, meta) -> row.get("n", Long.class)).one().block() == 1;
    }

    /** The types of the events this service appended about the subject, oldest first. */
    public List<String> eventTypes(Object subject) {
        return db.sql("SELECT type FROM mc_outbox WHERE subject = :subject ORDER BY seq")
                .bind("subject", subject.toString())
                .map((row, meta) -> row.get("type", String.class))
                .all().collectList().block();
    }

    /** The data of the events of the type this service appended, oldest first. */
    public List<String> events(String type) {
        return db.sql("SELECT data::text AS data FROM mc_outbox WHERE type = :type ORDER BY seq")
                .bind("type", type)
                .map((row, meta) -> row.get("data", String.class))
                .all().collectList().block();
    }

    private long count(String sql, UUID id) {
        return db.sql(sql).bind("id", id).map((row, meta) -> row.get("n", Long.class)).one().block();
    }
}

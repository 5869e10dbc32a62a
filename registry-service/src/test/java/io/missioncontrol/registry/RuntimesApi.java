package io.missioncontrol.registry;

import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.organization.OrganizationCreated;
import io.missioncontrol.contracts.task.TaskCreated;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.testing.TestTokens;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The runtime and execution API as tests use it, as the admin unless told otherwise, in a fresh organization. */
public final class RuntimesApi {

    public static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    public final UUID organization = UUID.randomUUID();
    private final WebTestClient http;
    private final DatabaseClient db;

    /** Announces the fresh organization as task-service would: access checks find only organizations the copy holds. */
    public RuntimesApi(WebTestClient http, DatabaseClient db, KafkaTemplate<String, byte[]> kafka) {
        this.http = patient(http);
        this.db = db;
        publish(kafka, Topics.ORGANIZATIONS, new OrganizationCreated(organization, "Org " + organization, null, 0));
        await().atMost(PATIENCE).until(() -> db.sql("SELECT 1 FROM mc_replica_organization WHERE id = :id")
                .bind("id", organization).map((row, meta) -> true).one().defaultIfEmpty(false).block());
    }

    public Map<String, Object> register(String name, String url, String token, List<String> capabilities) {
        Map<String, Object> body = new HashMap<>();
        body.put("organization_id", organization.toString());
        body.put("name", name);
        body.put("endpoint_url", url);
        body.put("auth_token", token);
        body.put("capabilities", capabilities);
        return http.post().uri("/api/runtimes").headers(h -> h.setBearerAuth(TestTokens.admin())).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
    }

    /** A new agent of the organization (provisioning, so it may be given work) with these capabilities; its id. */
    public UUID agent(String name, List<String> capabilities) {
        return agent(name, capabilities, null);
    }

    /** A new agent that names {@code runtime} (may be null) as its own; its id. */
    public UUID agent(String name, List<String> capabilities, Object runtime) {
        Map<String, Object> body = new HashMap<>();
        body.put("organization_id", organization.toString());
        body.put("name", name);
        body.put("capabilities", capabilities);
        if (runtime != null) {
            body.put("runtime_id", runtime.toString());
        }
        Map<String, Object> agent = http.post().uri("/api/agents").headers(h -> h.setBearerAuth(TestTokens.admin()))
                .bodyValue(body).exchange().expectStatus().isCreated().expectBody(MAP).returnResult()
                .getResponseBody();
        return UUID.fromString((String) agent.get("id"));
    }

    /** Moves the agent through its lifecycle as the admin: activate, pause, resume or retire. */
    public void agentAction(UUID agent, String action) {
        http.post().uri("/api/agents/{id}/{action}", agent, action).headers(h -> h.setBearerAuth(TestTokens.admin()))
                .exchange().expectStatus().isOk();
    }

    /** A task of the organization assigned to {@code agent} (may be null), as task-service announces it, once known. */
    public UUID task(String title, UUID agent, KafkaTemplate<String, byte[]> kafka) {
        UUID task = UUID.randomUUID();
        publish(kafka, Topics.TASKS, new TaskCreated(task, UUID.randomUUID(), organization, title, null, "todo",
                "medium", agent, 0));
        await().atMost(PATIENCE).until(() -> db.sql("SELECT 1 FROM task_ref WHERE id = :id").bind("id", task)
                .map((row, meta) -> true).one().defaultIfEmpty(false).block());
        return task;
    }

    public Map<String, Object> runtime(Object id) {
        return http.get().uri("/api/runtimes/{id}", id).headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    public String health(Object id) {
        return (String) ((Map<String, Object>) runtime(id).get("health")).get("status");
    }

    public void awaitHealth(Object id, String status) {
        await().atMost(PATIENCE).until(() -> status.equals(health(id)));
    }

    public Map<String, Object> execution(Object id) {
        return http.get().uri("/api/executions/{id}", id).headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    /** The events the service appended about a subject, oldest first: type and JSON data. */
    public List<Map<String, Object>> events(Object subject) {
        return db.sql("SELECT type, data::text AS data FROM mc_outbox WHERE subject = :subject ORDER BY seq")
                .bind("subject", subject.toString())
                .map(row -> Map.<String, Object>of("type", row.get("type", String.class),
                        "data", row.get("data", String.class)))
                .all().collectList().block(PATIENCE);
    }

    /** The client with room for a slow first request on a loaded machine (the default gives up after 5 s). */
    public static WebTestClient patient(WebTestClient http) {
        return http.mutate().responseTimeout(PATIENCE).build();
    }

    /** Publishes an event to Kafka as its owner would. */
    public static void publish(KafkaTemplate<String, byte[]> kafka, String topic, DomainEvent event) {
        var cloudEvent = EventCodec.cloudEvent(UUID.randomUUID(), event.eventType().name(), "/task-service",
                event.subject().toString(), OffsetDateTime.now(), event.tenant(), Actor.system("task-service"),
                event.aggregateVersion(), EventCodec.toJson(event));
        try {
            kafka.send(EventCodec.toRecord(topic, cloudEvent)).get();
        } catch (Exception e) {
            throw new AssertionError("could not publish " + event, e);
        }
    }
}

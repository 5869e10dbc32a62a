package io.missioncontrol.registry;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.organization.MembershipAdded;
import io.missioncontrol.contracts.organization.OrganizationCreated;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.events.EventEnvelope;
import io.missioncontrol.platform.testing.TestTokens;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;


/** The registry's API and topics as the tests drive them: HTTP with a chosen token, Kafka in and out. */
public final class RegistryApi {

    public static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {
    };
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private final WebTestClient http;
    private final KafkaTemplate<String, byte[]> kafka;
    private final String bootstrapServers;
    private final DatabaseClient db;

    public RegistryApi(WebTestClient http, KafkaTemplate<String, byte[]> kafka, String bootstrapServers,
                       DatabaseClient db) {
        this.http = http;
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
        this.db = db;
    }

    /**
     * A new organization, announced as task-service announces it, once the service's membership copy holds it (access
     * checks find only organizations it knows).
     */
    public UUID organization() {
        UUID organization = UUID.randomUUID();
        publish(Topics.ORGANIZATIONS, new OrganizationCreated(organization, "Org " + organization, null, 0));
        awaitOrganizationVersion(organization, 0);
        return organization;
    }

    /** A member of the organization with the role; {@code version} is the organization's version after the event. */
    public void member(UUID organization, String subject, String role, long version) {
        publish(Topics.ORGANIZATIONS, new MembershipAdded(organization, UUID.randomUUID(), subject, null, role,
                version));
        awaitOrganizationVersion(organization, version);
    }

    private void awaitOrganizationVersion(UUID organization, long version) {
        org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> db.sql(
                        "SELECT version FROM mc_replica_organization WHERE id = :id")
                .bind("id", organization)
                .map((row, meta) -> row.get("version", Long.class))
                .one().defaultIfEmpty(-1L).block() >= version);
    }

    public WebTestClient as(String token) {
        return http.mutate().defaultHeaders(headers -> headers.setBearerAuth(token)).build();
    }

    public WebTestClient admin() {
        return as(TestTokens.admin());
    }

    public EntityExchangeResult<Map<String, Object>> post(String token, String uri, Object body) {
        var spec = as(token).post().uri(uri);
        return (body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange())
                .expectBody(JSON_MAP).returnResult();
    }

    public EntityExchangeResult<Map<String, Object>> get(String token, String uri) {
        return as(token).get().uri(uri).exchange().expectBody(JSON_MAP).returnResult();
    }

    /** A new agent of the organization, registered by the administrator; answers its JSON. */
    public Map<String, Object> agent(UUID organization, String name, Map<String, Object> more) {
        Map<String, Object> body = new java.util.HashMap<>(more);
        body.put("organization_id", organization.toString());
        body.put("name", name);
        var result = post(TestTokens.admin(), "/api/agents", body);
        if (result.getStatus().value() != 201) {
            throw new AssertionError("could not create agent: " + result.getResponseBody());
        }
        return result.getResponseBody();
    }

    /** Publishes as another service would: a CloudEvent keyed by the event's subject. */
    public UUID publish(String topic, DomainEvent event) {
        UUID id = UUID.randomUUID();
        var cloudEvent = EventCodec.cloudEvent(id, event.eventType().name(), "/test", event.subject().toString(),
                OffsetDateTime.now(), event.tenant(), Actor.system("test"), event.aggregateVersion(),
                EventCodec.toJson(event));
        try {
            kafka.send(EventCodec.toRecord(topic, cloudEvent)).get();
        } catch (Exception e) {
            throw new AssertionError("could not publish " + event, e);
        }
        return id;
    }

    /** A consumer of the topics that reads from their beginning; close it. */
    public Events events(String... topics) {
        var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "registry-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topics));
        return new Events(consumer);
    }

    /** What a consumer has read so far; {@link #await} polls until an event matches. */
    public static final class Events implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final List<EventEnvelope<DomainEvent>> seen = new ArrayList<>();

        Events(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        @SuppressWarnings("unchecked")
        public <T extends DomainEvent> T await(Class<T> type, Predicate<T> matching) {
            org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(EventCodec.decode(record)));
                return seen.stream().anyMatch(event -> type.isInstance(event.data()) && matching.test((T) event.data()));
            });
            return (T) seen.stream().filter(event -> type.isInstance(event.data()) && matching.test((T) event.data()))
                    .findFirst().orElseThrow().data();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}

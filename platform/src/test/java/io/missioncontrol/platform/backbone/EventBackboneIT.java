package io.missioncontrol.platform.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.organization.OrganizationCreated;
import io.missioncontrol.infra.TestInfrastructure;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.testing.ServiceTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * The event backbone against a real broker and a real database: outbox to Kafka to an idempotent consumer,
 * through a broker outage, redelivery and poison records.
 */
@ServiceTest
class EventBackboneIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Autowired
    BackboneTestApplication.Widgets widgets;
    @Autowired
    DatabaseClient db;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    WebTestClient http;

    @Test
    void publishesACommittedChangeAndItsConsumerAppliesItOnce() {
        UUID id = widgets.create("first").block();

        await().atMost(PATIENCE).until(() -> effects("first") == 1);
        assertThat(unsentOutboxRows()).isZero();
        assertThat(id).isNotNull();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .value(metrics -> assertThat(metrics).contains("mc_outbox_backlog", "mc_outbox_published_total",
                        "mc_outbox_leader 1.0"));
    }

    @Test
    void publishesNothingForARolledBackChange() {
        assertThatThrownBy(() -> widgets.createAndFail("rolled-back").block()).hasMessageContaining("on purpose");
        widgets.create("after-rollback").block();

        await().atMost(PATIENCE).until(() -> effects("after-rollback") == 1);
        assertThat(effects("rolled-back")).isZero();
    }

    @Test
    void deliversEveryEventWrittenWhileTheBrokerIsDownOnceItIsBack() {
        var infrastructure = TestInfrastructure.shared();
        List<String> names = new ArrayList<>();
        infrastructure.stopKafka();
        try {
            for (int i = 0; i < 25; i++) {
                names.add("outage-" + i);
                widgets.create("outage-" + i).block(Duration.ofSeconds(10));
            }
            assertThat(count("SELECT count(*) FROM widget WHERE name LIKE 'outage-%'")).isEqualTo(25);
            http.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.components.kafka.status").isEqualTo("DOWN");
            http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
            // The outage lasts while the relay tries and fails to publish; nothing can arrive meanwhile.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> count("SELECT count(*) FROM effect WHERE name LIKE 'outage-%'") == 0);
        } finally {
            infrastructure.startKafka();
        }

        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM effect WHERE name LIKE 'outage-%'") >= 25);
        assertThat(count("SELECT count(DISTINCT name) FROM effect WHERE name LIKE 'outage-%'"))
                .as("every event delivered, none lost").isEqualTo(25);
        assertThat(count("SELECT count(*) FROM effect WHERE name LIKE 'outage-%'"))
                .as("none applied twice").isEqualTo(25);
        await().atMost(PATIENCE).until(() -> unsentOutboxRows() == 0);
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void appliesTheSameEventDeliveredTwiceOnlyOnce() throws Exception {
        UUID subject = UUID.randomUUID();
        var event = EventCodec.cloudEvent(UUID.randomUUID(), OrganizationCreated.TYPE.name(), "test", subject.toString(),
                OffsetDateTime.now(), subject, Actor.system("test"), 0,
                EventCodec.toJson(new OrganizationCreated(subject, "twice", null, 0)));
        kafka.send(EventCodec.toRecord(Topics.ORGANIZATIONS, event)).get();
        kafka.send(EventCodec.toRecord(Topics.ORGANIZATIONS, event)).get();
        // A later event on the same partition: once it is applied, both copies before it have been consumed.
        var marker = EventCodec.cloudEvent(UUID.randomUUID(), OrganizationCreated.TYPE.name(), "test",
                subject.toString(), OffsetDateTime.now(), subject, Actor.system("test"), 1,
                EventCodec.toJson(new OrganizationCreated(subject, "twice-marker", null, 1)));
        kafka.send(EventCodec.toRecord(Topics.ORGANIZATIONS, marker)).get();

        await().atMost(PATIENCE).until(() -> effects("twice-marker") == 1);
        assertThat(effects("twice")).isEqualTo(1);
    }

    @Test
    void deadLettersPoisonRecordsAndKeepsThePartitionFlowing() throws Exception {
        String key = UUID.randomUUID().toString();
        kafka.send(new ProducerRecord<>(Topics.ORGANIZATIONS, key, "not an event".getBytes(StandardCharsets.UTF_8))).get();
        UUID failingId = UUID.randomUUID();
        var failing = EventCodec.cloudEvent(failingId, OrganizationCreated.TYPE.name(), "test", key,
                OffsetDateTime.now(), null, Actor.system("test"), 0,
                EventCodec.toJson(new OrganizationCreated(UUID.randomUUID(), "poison-pill", null, 0)));
        kafka.send(EventCodec.toRecord(Topics.ORGANIZATIONS, failing)).get();
        var healthy = EventCodec.cloudEvent(UUID.randomUUID(), OrganizationCreated.TYPE.name(), "test", key,
                OffsetDateTime.now(), null, Actor.system("test"), 1,
                EventCodec.toJson(new OrganizationCreated(UUID.randomUUID(), "after-poison", null, 1)));
        kafka.send(EventCodec.toRecord(Topics.ORGANIZATIONS, healthy)).get();

        await().atMost(PATIENCE).until(() -> effects("after-poison") == 1);
        List<ConsumerRecord<String, byte[]>> deadLetters = readDeadLetters(key, 2);
        assertThat(deadLetters).hasSize(2);
        assertThat(header(deadLetters.get(0), "kafka_dlt-exception-message")).contains("Not a CloudEvent");
        assertThat(header(deadLetters.get(1), "kafka_dlt-exception-message")).contains("cannot digest poison-pill");
        assertThat(header(deadLetters.get(1), "kafka_dlt-original-topic")).isEqualTo(Topics.ORGANIZATIONS);
        assertThat(effects("poison-pill")).isZero();
    }

    private List<ConsumerRecord<String, byte[]>> readDeadLetters(String key, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.ORGANIZATIONS)));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    // The service's membership copy reads the topic too, and dead-letters the same poison.
                    if (key.equals(record.key())
                            && BackboneTestApplication.WidgetListener.CONSUMER.equals(
                                    header(record, "kafka_dlt-original-consumer-group"))) {
                        found.add(record);
                    }
                });
                return found.size() >= expected;
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private long effects(String name) {
        return db.sql("SELECT count(*) FROM effect WHERE name = :name").bind("name", name)
                .map(row -> row.get(0, Long.class)).one().block();
    }

    private long unsentOutboxRows() {
        return count("SELECT count(*) FROM mc_outbox WHERE sent_at IS NULL");
    }

    private long count(String sql) {
        return Flux.from(db.sql(sql).map(row -> row.get(0, Long.class)).all()).blockFirst();
    }
}

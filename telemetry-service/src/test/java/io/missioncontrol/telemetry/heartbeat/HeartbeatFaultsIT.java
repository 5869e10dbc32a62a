package io.missioncontrol.telemetry.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.infra.TestInfrastructure;
import io.missioncontrol.platform.testing.ServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Kafka first: the database may be away (Kafka holds the heartbeats); Kafka may not (the agent is told to retry). */
@ServiceTest
class HeartbeatFaultsIT {

    @Autowired
    WebTestClient http;
    @Autowired
    DatabaseClient db;

    @Test
    void storesHeartbeatsThatArrivedWhileTheDatabaseWasDown() {
        UUID org = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        var infrastructure = TestInfrastructure.shared();
        Instant start = Instant.now().minusSeconds(30);
        infrastructure.stopPostgres();
        try {
            for (int i = 0; i < 20; i++) {
                Heartbeats.post(http, agent, org, Heartbeats.body(start.plusSeconds(i), i)).expectStatus().isAccepted();
            }
        } finally {
            infrastructure.startPostgres();
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("SELECT count(*) FROM heartbeat WHERE agent_id = '" + agent + "'"), n -> n == 20);
        assertThat(count("SELECT coalesce(sum(samples), 0) FROM heartbeat_minute WHERE agent_id = '" + agent + "'"))
                .as("minute rollups").isEqualTo(20);
        assertThat(count("SELECT coalesce(sum(samples), 0) FROM heartbeat_hour WHERE agent_id = '" + agent + "'"))
                .as("hour rollups").isEqualTo(20);
    }

    @Test
    void answers503QuicklyWhileKafkaIsDown() {
        UUID org = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        var infrastructure = TestInfrastructure.shared();
        infrastructure.stopKafka();
        List<Long> millis = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                long started = System.nanoTime();
                Heartbeats.post(http.mutate().responseTimeout(Duration.ofSeconds(30)).build(), agent, org,
                                Heartbeats.body(Instant.now(), i))
                        .expectStatus().isEqualTo(503)
                        .expectBody().jsonPath("$.code").isEqualTo("ingestion_unavailable");
                millis.add((System.nanoTime() - started) / 1_000_000);
            }
        } finally {
            infrastructure.startKafka();
        }
        // The ingestion timeout is 5 s; never the producer's two-minute default, never a hang.
        assertThat(millis).allMatch(ms -> ms < 8_000);
        // Back in business once Kafka is: accepted and stored.
        var patient = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                Heartbeats.post(patient, agent, org, Heartbeats.body(Instant.now(), 9)).returnResult(Map.class)
                        .getStatus().value() == 202);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("SELECT count(*) FROM heartbeat WHERE agent_id = '" + agent + "'"), n -> n >= 1);
    }

    private long count(String sql) {
        Number n = db.sql(sql).map(row -> row.get(0, Number.class)).one().block(Duration.ofSeconds(10));
        return n == null ? 0 : n.longValue();
    }
}

package io.missioncontrol.telemetry.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.task.TaskCreated;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A task event on Kafka becomes one timeline entry, however often it is delivered, visible only to its tenant. */
@ServiceTest
class ActivityTimelineIT {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    WebTestClient http;

    @Test
    void recordsATaskEventOnceAndShowsItToItsOrganization() throws Exception {
        UUID org = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        var data = new TaskCreated(task, UUID.randomUUID(), org, "Patch the fleet", null, "todo", "critical", null, 0);
        var event = EventCodec.cloudEvent(UUID.randomUUID(), TaskCreated.TYPE.name(), "mission-control/task-service",
                task.toString(), OffsetDateTime.now(ZoneOffset.UTC), org, new Actor("agent", agent.toString()), 0,
                EventCodec.toJson(data));
        kafka.send(EventCodec.toRecord(TaskCreated.TYPE.topic(), event)).get();
        kafka.send(EventCodec.toRecord(TaskCreated.TYPE.topic(), event)).get();

        String query = "/api/activity?resource_type=task&resource_id=" + task;
        await().atMost(Duration.ofSeconds(30)).until(() -> !items(TestTokens.admin(), query).isEmpty());
        // The redelivered copy sits right behind the first on the same partition; give it every chance to land.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> items(TestTokens.admin(), query).size() == 1);

        Map<?, ?> entry = items(TestTokens.admin(), query).get(0);
        assertThat(entry.get("summary")).isEqualTo("Task \"Patch the fleet\" created (todo, critical priority)");
        assertThat(entry.get("actor")).isEqualTo(Map.of("type", "agent", "id", agent.toString()));
        assertThat(entry.get("event_type")).isEqualTo("mc.task.created.v1");

        assertThat(items(TestTokens.agent(agent, org, "tasks:read"), query)).hasSize(1);
        assertThat(items(TestTokens.agent(UUID.randomUUID(), UUID.randomUUID(), "tasks:read"), query))
                .as("another organization's agent sees nothing").isEmpty();
        http.get().uri("/api/activity?organization_id=" + org)
                .headers(h -> h.setBearerAuth(TestTokens.agent(UUID.randomUUID(), UUID.randomUUID())))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void refusesACursorItDidNotIssue() {
        http.get().uri("/api/activity?cursor=garbage").headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_cursor");
        http.get().uri("/api/activity?limit=0").headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_limit");
    }

    @SuppressWarnings("unchecked")
    private List<Map<?, ?>> items(String token, String uri) {
        Map<?, ?> page = http.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (List<Map<?, ?>>) page.get("items");
    }
}

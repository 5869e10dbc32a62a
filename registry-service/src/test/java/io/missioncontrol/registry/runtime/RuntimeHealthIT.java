package io.missioncontrol.registry.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.registry.RuntimesApi;
import io.missioncontrol.registry.StubRuntime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The scheduled health checks against a real HTTP server that goes up, down and away. */
@ServiceTest
class RuntimeHealthIT {

    @Autowired
    WebTestClient http;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    DatabaseClient db;

    private RuntimesApi api;
    private StubRuntime stub;

    @BeforeEach
    void freshOrganization() {
        http = RuntimesApi.patient(http);
        api = new RuntimesApi(http, db, kafka);
        stub = new StubRuntime();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void publishesAnEventForEveryChangeOfHealth() {
        String id = (String) api.register("flappy", stub.url(), "token", List.of()).get("id");
        api.awaitHealth(id, "healthy");

        stub.unhealthy();
        api.awaitHealth(id, "unhealthy");
        Map<String, Object> health = (Map<String, Object>) api.runtime(id).get("health");
        assertThat(health.get("last_error")).isEqualTo("GET /health answered 503");
        assertThat(health.get("last_checked_at")).isNotNull();

        stub.healthy();
        api.awaitHealth(id, "healthy");

        stub.stop();
        api.awaitHealth(id, "unhealthy");

        List<String> changes = api.events(id).stream()
                .filter(event -> event.get("type").equals("mc.runtime.health-changed.v1"))
                .map(event -> (String) event.get("data")).toList();
        assertThat(changes).hasSize(4);
        assertThat(changes.get(0)).contains("\"from\": \"unknown\"", "\"to\": \"healthy\"");
        assertThat(changes.get(1)).contains("\"from\": \"healthy\"", "\"to\": \"unhealthy\"", "answered 503");
        assertThat(changes.get(2)).contains("\"from\": \"unhealthy\"", "\"to\": \"healthy\"");
        assertThat(changes.get(3)).contains("\"from\": \"healthy\"", "\"to\": \"unhealthy\"");
    }

    @Test
    void publishesNothingWhileTheHealthStaysTheSame() {
        String id = (String) api.register("steady", stub.url(), null, List.of()).get("id");
        api.awaitHealth(id, "healthy");
        String checked = checkedAt(id);
        await().atMost(RuntimesApi.PATIENCE).until(() -> !checkedAt(id).equals(checked));
        assertThat(api.events(id)).filteredOn(event -> event.get("type").equals("mc.runtime.health-changed.v1"))
                .hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void countsASlowRuntimeAsUnhealthy() {
        String id = (String) api.register("sluggish", stub.url(), null, List.of()).get("id");
        api.awaitHealth(id, "healthy");
        stub.slowHealth(2_000);
        api.awaitHealth(id, "unhealthy");
        assertThat((String) ((Map<String, Object>) api.runtime(id).get("health")).get("last_error"))
                .satisfiesAnyOf(error -> assertThat(error).contains("no answer within"),
                        error -> assertThat(error).contains("circuit breaker open"));
    }

    @SuppressWarnings("unchecked")
    private String checkedAt(String id) {
        return (String) ((Map<String, Object>) api.runtime(id).get("health")).get("last_checked_at");
    }
}

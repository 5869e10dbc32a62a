package io.missioncontrol.registry.agent;

import static io.missioncontrol.registry.RegistryApi.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.agent.AgentStatusChanged;
import io.missioncontrol.contracts.budget.BudgetExceeded;
import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import io.missioncontrol.registry.RegistryApi;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** telemetry-service's mc.budget.exceeded.v1 with pause_agent pauses the agent, once, and nothing else. */
@ServiceTest
class BudgetPauseIT {

    @Autowired
    WebTestClient http;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    DatabaseClient db;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    RegistryApi api;
    UUID organization;

    @BeforeEach
    void setUp() {
        api = new RegistryApi(http, kafka, bootstrapServers, db);
        organization = api.organization();
    }

    @Test
    void pausesAnActiveAgentWhoseOwnBudgetIsExceededOnce() {
        UUID agent = active("spender");
        UUID spared = active("spared");
        UUID budget = UUID.randomUUID();
        try (var events = api.events(Topics.AGENTS)) {
            // Not asking for a pause, or naming another organization: nothing happens.
            api.publish(Topics.BUDGETS, exceeded(budget, spared, organization, false));
            api.publish(Topics.BUDGETS, exceeded(budget, spared, UUID.randomUUID(), true));
            var pause = exceeded(budget, agent, organization, true);
            api.publish(Topics.BUDGETS, pause);
            api.publish(Topics.BUDGETS, pause);

            AgentStatusChanged changed = events.await(AgentStatusChanged.class,
                    event -> event.agentId().equals(agent) && event.to().equals("paused"));
            assertThat(changed.from()).isEqualTo("active");
            await().atMost(PATIENCE).until(() -> status(agent).equals("paused"));
            // A later budget event for an agent already paused, and the same event again, change nothing.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> pauses(agent) == 1);
            assertThat(status(spared)).isEqualTo("active");
        }
    }

    private UUID active(String name) {
        UUID id = UUID.fromString((String) api.agent(organization, name, Map.of()).get("id"));
        assertThat(api.post(TestTokens.admin(), "/api/agents/" + id + "/activate", null).getStatus().value())
                .isEqualTo(200);
        return id;
    }

    private BudgetExceeded exceeded(UUID budget, UUID agent, UUID org, boolean pause) {
        return new BudgetExceeded(budget, org, agent, "daily", Instant.now().truncatedTo(ChronoUnit.DAYS),
                new BigDecimal("10.000000"), new BigDecimal("10.500000"), pause, 2);
    }

    private String status(UUID agent) {
        return (String) api.get(TestTokens.admin(), "/api/agents/" + agent).getResponseBody().get("status");
    }

    private long pauses(UUID agent) {
        return db.sql("""
                        SELECT count(*) AS n FROM mc_outbox
                        WHERE subject = :agent AND type = 'mc.agent.status-changed.v1' AND data ->> 'to' = 'paused'""")
                .bind("agent", agent.toString())
                .map(row -> ((Number) row.get("n")).longValue()).one().block();
    }
}

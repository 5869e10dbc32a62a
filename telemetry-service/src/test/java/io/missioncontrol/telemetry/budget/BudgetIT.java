package io.missioncontrol.telemetry.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import io.missioncontrol.telemetry.heartbeat.Heartbeats;
import io.missioncontrol.telemetry.reading.Organizations;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Budgets managed by admins, their spend from ingested token usage, and each threshold alerted once per period. */
@ServiceTest
class BudgetIT {

    @Autowired
    WebTestClient http;
    @Autowired
    DatabaseClient db;
    @Autowired
    BudgetService budgets;

    @Test
    void alertsEightyAndAHundredPercentOncePerPeriodAndAsksToPauseTheAgent() {
        UUID org = Organizations.create(db);
        String admin = TestTokens.user(Organizations.member(db, org, "admin"));
        UUID agent = UUID.randomUUID();
        // a million gpt-5 input tokens cost $1.25 by the default price table
        send(agent, org, 1_000_000);
        awaitTokens(agent, 1_000_000);

        Map<String, Object> budget = create(admin, Map.of("organization_id", org, "agent_id", agent, "period", "daily",
                "limit_usd", 1.5, "pause_agent_on_exceed", true), 201);
        String id = (String) budget.get("id");
        assertThat(new BigDecimal(budget.get("spent_usd").toString())).isEqualByComparingTo("1.25");
        assertThat(new BigDecimal(budget.get("percent").toString())).isEqualByComparingTo("83.33");
        Map<String, Object> roomy = create(admin, Map.of("organization_id", org, "period", "monthly",
                "limit_usd", 1000), 201);

        budgets.evaluate().block();
        budgets.evaluate().block();
        assertThat(alerts(id)).containsExactly("mc.budget.warning.v1");

        send(agent, org, 1_000_000);
        awaitTokens(agent, 2_000_000);
        budgets.evaluate().block();
        // The scheduled evaluation runs too: whoever gets there first, each alert exists once.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> alerts(id).equals(List.of("mc.budget.warning.v1", "mc.budget.exceeded.v1")));
        Map<String, Object> data = db.sql("""
                        SELECT data ->> 'pause_agent' AS pause, data ->> 'agent_id' AS agent, data ->> 'period' AS period,
                               data ->> 'spent_usd' AS spent, aggregate_version FROM mc_outbox
                        WHERE subject = :id AND type = 'mc.budget.exceeded.v1'""")
                .bind("id", id).fetch().one().block();
        assertThat(data).containsEntry("pause", "true").containsEntry("agent", agent.toString())
                .containsEntry("period", "daily").containsEntry("spent", "2.500000");
        assertThat(((Number) data.get("aggregate_version")).longValue()).isEqualTo(2);
        assertThat(alerts((String) roomy.get("id"))).isEmpty();

        Map<String, Object> read = get(admin, "/api/telemetry/budgets/" + id, 200);
        assertThat(new BigDecimal(read.get("spent_usd").toString())).isEqualByComparingTo("2.5");
        assertThat(Instant.parse((String) read.get("period_start")))
                .isEqualTo(Instant.now().truncatedTo(ChronoUnit.DAYS));
        // Raising the limit does not alert the same thresholds again this period.
        http.patch().uri("/api/telemetry/budgets/" + id).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("limit_usd", 2.6)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.limit_usd").isEqualTo(2.6);
        budgets.evaluate().block();
        assertThat(alerts(id)).hasSize(2);
        assertThat(events(id)).containsExactly("mc.budget.created.v1", "mc.budget.warning.v1",
                "mc.budget.exceeded.v1", "mc.budget.updated.v1");
        // Published on mc.budgets, a domain topic: the activity timeline records each one, readable and in order.
        await().atMost(Duration.ofSeconds(30)).until(() -> db.sql("""
                        SELECT event_type FROM activity WHERE resource_type = 'budget' AND resource_id = :id
                        ORDER BY occurred_at""")
                .bind("id", id).map(row -> row.get("event_type", String.class)).all().collectList().block()
                .equals(events(id)));
        assertThat(db.sql("""
                        SELECT summary FROM activity WHERE resource_id = :id AND event_type = 'mc.budget.exceeded.v1'""")
                .bind("id", id).map(row -> row.get("summary", String.class)).one().block())
                .isEqualTo("Agent " + agent + " exceeded its daily budget of $1.500000 (spent $2.500000); "
                        + "the agent is paused");
    }

    @Test
    void onlyAdminsOfTheOrganizationManageBudgets() {
        UUID org = Organizations.create(db);
        UUID other = Organizations.create(db);
        String admin = TestTokens.user(Organizations.member(db, org, "admin"));
        String member = TestTokens.user(Organizations.member(db, org, "member"));
        String outsider = TestTokens.user(Organizations.member(db, other, "owner"));
        UUID agent = UUID.randomUUID();
        send(agent, org, 10);
        awaitTokens(agent, 10);

        Map<String, Object> daily = Map.of("organization_id", org, "period", "daily", "limit_usd", 5);
        create(member, daily, 403);
        create(outsider, daily, 404);
        create(TestTokens.agent(agent, org, "telemetry:write"), daily, 403);
        create(admin, Map.of("organization_id", other, "agent_id", agent, "period", "daily", "limit_usd", 5), 404);
        create(admin, Map.of("organization_id", org, "agent_id", UUID.randomUUID(), "period", "daily",
                "limit_usd", 5), 404);
        Map<String, Object> invalid = new HashMap<>(Map.of("organization_id", org, "period", "weekly",
                "limit_usd", 0, "pause_agent_on_exceed", true));
        Map<?, ?> problem = http.post().uri("/api/telemetry/budgets").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(invalid).exchange()
                .expectStatus().isEqualTo(422).expectBody(Map.class).returnResult().getResponseBody();
        assertThat(problem.get("code")).isEqualTo("validation_failed");
        assertThat(((List<?>) problem.get("errors")).stream().map(e -> (String) ((Map<?, ?>) e).get("field")).toList())
                .containsExactlyInAnyOrder("period", "limit_usd", "pause_agent_on_exceed");

        String id = (String) create(admin, daily, 201).get("id");
        create(admin, daily, 409);
        assertThat((List<?>) http.get().uri("/api/telemetry/budgets?organization_id=" + org)
                .headers(h -> h.setBearerAuth(member)).exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody()).hasSize(1);
        get(outsider, "/api/telemetry/budgets/" + id, 404);
        http.delete().uri("/api/telemetry/budgets/" + id).headers(h -> h.setBearerAuth(member)).exchange()
                .expectStatus().isForbidden();
        http.delete().uri("/api/telemetry/budgets/" + id).headers(h -> h.setBearerAuth(outsider)).exchange()
                .expectStatus().isNotFound();
        http.delete().uri("/api/telemetry/budgets/" + id).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isNoContent();
        get(admin, "/api/telemetry/budgets/" + id, 404);
        assertThat(events(id)).containsExactly("mc.budget.created.v1", "mc.budget.deleted.v1");
    }

    private void send(UUID agent, UUID org, long gpt5InputTokens) {
        Map<String, Object> body = new HashMap<>(Heartbeats.body(Instant.now().minusSeconds(1), 1));
        body.put("token_usage", List.of(Map.of("model", "gpt-5", "input_tokens", gpt5InputTokens,
                "output_tokens", 0, "cached_tokens", 0)));
        Heartbeats.post(http, agent, org, body).expectStatus().isAccepted();
    }

    private void awaitTokens(UUID agent, long tokens) {
        await().atMost(Duration.ofSeconds(30)).until(() -> db.sql(
                        "SELECT coalesce(sum(input_tokens), 0) AS n FROM token_usage_hour WHERE agent_id = :agent")
                .bind("agent", agent).map(row -> ((Number) row.get("n")).longValue()).one().block() == tokens);
    }

    private List<String> alerts(String budgetId) {
        return events(budgetId).stream().filter(type -> type.contains("warning") || type.contains("exceeded"))
                .toList();
    }

    private List<String> events(String budgetId) {
        return db.sql("SELECT type FROM mc_outbox WHERE subject = :id ORDER BY seq").bind("id", budgetId)
                .map(row -> row.get("type", String.class)).all().collectList().block();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> create(String token, Map<String, Object> body, int status) {
        return http.post().uri("/api/telemetry/budgets").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String token, String uri, int status) {
        return http.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }
}

package io.missioncontrol.telemetry.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import io.missioncontrol.telemetry.heartbeat.Heartbeats;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Heartbeats through the ingestion endpoint, then every read: the fleet, trends that agree with the raw points, usage
 * and cost from the default price table, the error log page by page, and 404 for everyone outside the organization.
 */
@ServiceTest
class TelemetryReadsIT {

    @Autowired
    WebTestClient http;
    @Autowired
    DatabaseClient db;

    @Test
    void readsTheFleetTrendsUsageAndErrorsOfWhatAgentsSent() {
        UUID org = Organizations.create(db);
        String viewer = TestTokens.user(Organizations.member(db, org, "viewer"));
        UUID busy = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();
        // 30 heartbeats 10 s apart from one agent (three carry an error), one from the other.
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(310);
        List<Map<String, Object>> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sent.add(Heartbeats.body(start.plusSeconds(10L * i), i));
        }
        Heartbeats.post(http, busy, org, Map.of("heartbeats", sent)).expectStatus().isAccepted();
        Heartbeats.post(http, quiet, org, Heartbeats.body(start, 5)).expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM heartbeat WHERE agent_id IN ('" + busy + "', '" + quiet + "')") == 31);

        // Fleet: both agents, the busy one with its newest heartbeat, tokens and error of today.
        Map<String, Object> fleet = get(viewer, "/api/telemetry/fleet?organization_id=" + org);
        assertThat(fleet.get("counts")).isEqualTo(Map.of("agents", 2, "online", 2, "offline", 0));
        Map<String, Object> agent = agents(fleet).stream().filter(a -> a.get("agent_id").equals(busy.toString()))
                .findFirst().orElseThrow();
        assertThat(agent.get("status")).isEqualTo("online");
        assertThat(agent.get("runtime")).isEqualTo(Map.of("status", "running", "version", "2026.3.1"));
        Map<?, ?> latest = (Map<?, ?>) agent.get("latest");
        assertThat(Instant.parse((String) latest.get("time"))).isEqualTo(start.plusSeconds(290));
        assertThat(latest.get("cpu_percent")).isEqualTo(29.5);
        assertThat(latest.get("memory")).isEqualTo(Map.of("total_bytes", 16_000_000_000L, "used_bytes", 29_000_000));
        Map<?, ?> error = (Map<?, ?>) agent.get("latest_error");
        assertThat(error.get("message")).isEqualTo("tool call failed 20");
        if (start.truncatedTo(ChronoUnit.DAYS).equals(Instant.now().truncatedTo(ChronoUnit.DAYS))) {
            Map<?, ?> today = (Map<?, ?>) agent.get("tokens_today");
            // claude-sonnet: 100 + i input, 50 output, 7 cached; gpt-5: 10 input, i output (i = 0 … 29)
            assertThat(today.get("input_tokens")).isEqualTo(30 * 100 + 435 + 300);
            assertThat(today.get("output_tokens")).isEqualTo(30 * 50 + 435);
            assertThat(today.get("priced")).as("claude-sonnet is not in the price table").isEqualTo(false);
            assertThat(new BigDecimal(today.get("cost_usd").toString())).isEqualByComparingTo(gpt5Cost(300, 435, 0));
        }

        // Trends: every minute of the busy agent agrees with the raw points; the organization's hours add up.
        Map<String, Object> minutes = get(viewer, "/api/telemetry/trends?agent_id=" + busy + "&metric=cpu&bucket=minute"
                + "&from=" + start + "&to=" + Instant.now().plusSeconds(60));
        List<Map<String, Object>> points = points(minutes);
        assertThat(points).isNotEmpty();
        long samples = 0;
        for (Map<String, Object> point : points) {
            Instant bucket = Instant.parse((String) point.get("time"));
            Map<String, Object> raw = db.sql("""
                            SELECT count(*) AS samples, avg(cpu_percent) AS avg, max(cpu_percent) AS max FROM heartbeat
                            WHERE agent_id = :agent AND time >= :from AND time < :to""")
                    .bind("agent", busy).bind("from", bucket.atOffset(java.time.ZoneOffset.UTC))
                    .bind("to", bucket.plusSeconds(60).atOffset(java.time.ZoneOffset.UTC))
                    .fetch().one().block();
            assertThat(((Number) point.get("samples")).longValue()).isEqualTo(((Number) raw.get("samples")).longValue());
            assertThat((Double) point.get("avg")).isCloseTo(((Number) raw.get("avg")).doubleValue(),
                    within(1e-9));
            assertThat(point.get("max")).isEqualTo(raw.get("max"));
            samples += ((Number) point.get("samples")).longValue();
        }
        assertThat(samples).isEqualTo(30);
        List<Map<String, Object>> hours = points(get(viewer, "/api/telemetry/trends?organization_id=" + org
                + "&metric=network&bucket=hour&from=" + start.minusSeconds(3600) + "&to=" + Instant.now().plusSeconds(60)));
        assertThat(hours.stream().mapToLong(p -> ((Number) p.get("samples")).longValue()).sum()).isEqualTo(31);
        assertThat(hours.get(0)).containsKeys("rx_avg", "rx_max", "tx_avg", "tx_max").doesNotContainKey("avg");
        List<Map<String, Object>> days = points(get(viewer, "/api/telemetry/trends?organization_id=" + org
                + "&metric=memory&bucket=day&from=" + start.minus(Duration.ofDays(2))));
        assertThat(days.stream().mapToLong(p -> ((Number) p.get("samples")).longValue()).sum()).isEqualTo(31);
        assertThat(days).allSatisfy(p -> {
            assertThat(Instant.parse((String) p.get("time"))).isEqualTo(
                    Instant.parse((String) p.get("time")).truncatedTo(ChronoUnit.DAYS));
            assertThat(p.get("total_bytes")).isEqualTo(16_000_000_000L);
        });

        // Usage: tokens per model and their cost from the price table; the unknown model counted, flagged, free.
        Map<String, Object> usage = get(viewer, "/api/telemetry/usage?organization_id=" + org + "&group_by=model");
        assertThat(usage.get("unpriced_models")).isEqualTo(List.of("claude-sonnet"));
        assertThat(usage.get("currency")).isEqualTo("USD");
        Map<String, Map<String, Object>> byModel = new java.util.HashMap<>();
        for (Object group : (List<?>) usage.get("groups")) {
            Map<String, Object> g = cast(group);
            byModel.put((String) g.get("model"), cast(cast(g.get("periods")).get("total")));
        }
        Map<String, Object> gpt5 = byModel.get("gpt-5");
        assertThat(gpt5.get("input_tokens")).isEqualTo(310);
        assertThat(gpt5.get("output_tokens")).isEqualTo(435 + 5);
        assertThat(gpt5.get("priced")).isEqualTo(true);
        assertThat(new BigDecimal(gpt5.get("cost_usd").toString())).isEqualByComparingTo(gpt5Cost(310, 440, 0));
        Map<String, Object> sonnet = byModel.get("claude-sonnet");
        assertThat(sonnet.get("priced")).isEqualTo(false);
        assertThat(new BigDecimal(sonnet.get("cost_usd").toString())).isEqualByComparingTo("0");
        Map<String, Object> totals = cast(usage.get("totals"));
        assertThat(cast(totals.get("total")).get("total_tokens")).isEqualTo(310 + 440 + 3000 + 435 + 105 + 1550 + 217);
        assertThat(cast(totals.get("last_7_days"))).isEqualTo(totals.get("total"));
        Map<String, Object> mine = get(viewer, "/api/telemetry/usage?agent_id=" + quiet + "&group_by=agent");
        assertThat(cast(cast(mine.get("totals")).get("total")).get("input_tokens")).isEqualTo(105 + 10);

        // Errors: newest first, two a page, three in all; a level filter; a cursor we did not issue.
        List<String> messages = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = get(viewer, "/api/telemetry/errors?agent_id=" + busy + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            ((List<?>) page.get("items")).forEach(item -> messages.add((String) cast(item).get("message")));
            cursor = (String) page.get("next_cursor");
        } while (cursor != null);
        assertThat(messages).containsExactly("tool call failed 20", "tool call failed 10", "tool call failed 0");
        assertThat((List<?>) get(viewer, "/api/telemetry/errors?organization_id=" + org + "&level=fatal,warning")
                .get("items")).isEmpty();
        assertThat((List<?>) get(viewer, "/api/telemetry/errors?organization_id=" + org + "&level=error&from="
                + start.plusSeconds(100)).get("items")).hasSize(2);
        status(viewer, "/api/telemetry/errors?organization_id=" + org + "&cursor=nope", 400, "invalid_cursor");
        status(viewer, "/api/telemetry/errors?organization_id=" + org + "&level=loud", 400, "invalid_parameter");
        status(viewer, "/api/telemetry/trends?organization_id=" + org + "&metric=cpu&bucket=minute&from="
                + start + "&to=" + start.minusSeconds(1), 422, "invalid_range");
        status(viewer, "/api/telemetry/trends?organization_id=" + org + "&metric=cpu&bucket=minute&from="
                + start.minus(Duration.ofDays(30)) + "&to=" + start, 422, "too_many_buckets");
        status(viewer, "/api/telemetry/usage", 400, "missing_parameter");
    }

    @Test
    void answersNotFoundOutsideTheOrganization() {
        UUID org = Organizations.create(db);
        UUID other = Organizations.create(db);
        String outsider = TestTokens.user(Organizations.member(db, other, "owner"));
        String viewer = TestTokens.user(Organizations.member(db, org, "viewer"));
        UUID agent = UUID.randomUUID();
        Heartbeats.post(http, agent, org, Heartbeats.body(Instant.now().minusSeconds(5), 10)).expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM agent_presence WHERE agent_id = '" + agent + "'") == 1);

        List<String> reads = List.of(
                "/api/telemetry/fleet?organization_id=" + org,
                "/api/telemetry/trends?agent_id=" + agent + "&metric=cpu",
                "/api/telemetry/trends?organization_id=" + org + "&metric=disk",
                "/api/telemetry/usage?agent_id=" + agent,
                "/api/telemetry/usage?organization_id=" + org + "&group_by=agent",
                "/api/telemetry/errors?agent_id=" + agent,
                "/api/telemetry/errors?organization_id=" + org,
                "/api/telemetry/budgets?organization_id=" + org);
        for (String read : reads) {
            http.get().uri(read).headers(h -> h.setBearerAuth(viewer)).exchange().expectStatus().isOk();
            status(outsider, read, 404, "not_found");
            status(TestTokens.agent(UUID.randomUUID(), other, "telemetry:write", "tasks:read"), read, 404, "not_found");
            status(TestTokens.agent(agent, org, "telemetry:write", "tasks:read"), read, 403, "forbidden");
        }
        // The agent named under another organization, or never seen at all.
        status(outsider, "/api/telemetry/errors?organization_id=" + other + "&agent_id=" + agent, 404, "not_found");
        status(viewer, "/api/telemetry/usage?agent_id=" + UUID.randomUUID(), 404, "not_found");
        status(TestTokens.user("nobody-" + UUID.randomUUID()), "/api/telemetry/fleet?organization_id=" + org, 404,
                "not_found");
    }

    private static BigDecimal gpt5Cost(long input, long output, long cached) {
        // the default table: gpt-5 at $1.25 in, $10 out, $0.125 cached per million tokens
        return new BigDecimal("1.25").multiply(BigDecimal.valueOf(input))
                .add(BigDecimal.TEN.multiply(BigDecimal.valueOf(output)))
                .add(new BigDecimal("0.125").multiply(BigDecimal.valueOf(cached)))
                .movePointLeft(6).setScale(6, java.math.RoundingMode.HALF_UP);
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> agents(Map<String, Object> fleet) {
        return (List<Map<String, Object>>) fleet.get("agents");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> points(Map<String, Object> trend) {
        return (List<Map<String, Object>>) trend.get("points");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String token, String uri) {
        return http.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private void status(String token, String uri, int status, String code) {
        http.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(status)
                .expectBody().jsonPath("$.code").isEqualTo(code);
    }
}

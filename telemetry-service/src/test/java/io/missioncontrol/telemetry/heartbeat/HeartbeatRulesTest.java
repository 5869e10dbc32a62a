package io.missioncontrol.telemetry.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.telemetry.heartbeat.HeartbeatBody.ErrorBody;
import io.missioncontrol.telemetry.heartbeat.HeartbeatBody.NetworkBody;
import io.missioncontrol.telemetry.heartbeat.HeartbeatBody.RuntimeBody;
import io.missioncontrol.telemetry.heartbeat.HeartbeatBody.TokenUsageBody;
import io.missioncontrol.telemetry.heartbeat.HeartbeatBody.UsageBody;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HeartbeatRulesTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final UUID AGENT = UUID.randomUUID();
    static final UUID ORG = UUID.randomUUID();

    final HeartbeatRules rules = new HeartbeatRules(new TelemetryProperties(Duration.ofDays(7), 100,
            Duration.ofMinutes(5), Duration.ofDays(1), Duration.ofSeconds(5), 2, Duration.ofHours(1),
            Duration.ofSeconds(30)));

    static HeartbeatBody valid(Instant time) {
        return new HeartbeatBody(time, new RuntimeBody("running", "2026.3.1"), 12.5, new UsageBody(1000L, 400L),
                new UsageBody(5000L, 100L), new NetworkBody(10.0, 20.0),
                List.of(new TokenUsageBody("claude-sonnet", 100L, 50L, 10L)),
                List.of(new ErrorBody("error", "boom", time.minusSeconds(3), "at x")), null);
    }

    @Test
    void acceptsAValidHeartbeatAndStampsAgentOrganizationAndId() {
        UUID id = UUID.randomUUID();
        var accepted = rules.accept(valid(NOW.minusSeconds(1)), AGENT, ORG, NOW, () -> id);
        assertThat(accepted).hasSize(1);
        assertThat(accepted.get(0).heartbeatId()).isEqualTo(id);
        assertThat(accepted.get(0).agentId()).isEqualTo(AGENT);
        assertThat(accepted.get(0).organizationId()).isEqualTo(ORG);
        assertThat(accepted.get(0).receivedAt()).isEqualTo(NOW);
        assertThat(accepted.get(0).tokenUsage().get(0).inputTokens()).isEqualTo(100L);
    }

    @Test
    void namesEveryInvalidFieldOfAHeartbeat() {
        var bad = new HeartbeatBody(NOW.plus(Duration.ofMinutes(10)), new RuntimeBody("sleeping", ""), 101.0,
                new UsageBody(100L, 200L), null, new NetworkBody(-1.0, Double.NaN),
                List.of(new TokenUsageBody("m", -1L, 0L, 0L), new TokenUsageBody("m", 0L, 0L, 0L)),
                List.of(new ErrorBody("loud", " ", null, null)), null);
        assertThat(fields(bad)).containsExactlyInAnyOrder("time", "runtime.status", "runtime.version", "cpu_percent",
                "memory.used_bytes", "disk", "network.rx_bytes_per_second", "network.tx_bytes_per_second",
                "token_usage[0].input_tokens", "token_usage[1].model", "errors[0].level", "errors[0].message",
                "errors[0].time");
    }

    @Test
    void refusesAHeartbeatOlderThanTheMaximumAge() {
        assertThat(fields(valid(NOW.minus(Duration.ofDays(2))))).containsExactly("time");
    }

    @Test
    void refusesABatchWholeWhenOneHeartbeatIsInvalid() {
        var batch = new HeartbeatBody(null, null, null, null, null, null, null, null,
                List.of(valid(NOW.minusSeconds(2)), valid(NOW.plus(Duration.ofHours(1))), valid(NOW.minusSeconds(2))));
        assertThat(fields(batch)).containsExactlyInAnyOrder("heartbeats[1].time", "heartbeats[1].errors[0].time",
                "heartbeats[2].time");
    }

    @Test
    void refusesEmptyOversizedAndMixedBatches() {
        var empty = new HeartbeatBody(null, null, null, null, null, null, null, null, List.of());
        assertThat(fields(empty)).containsExactly("heartbeats");
        var tooMany = new HeartbeatBody(null, null, null, null, null, null, null, null,
                java.util.stream.IntStream.range(0, 101).mapToObj(i -> valid(NOW.minusSeconds(i))).toList());
        assertThat(fields(tooMany)).containsExactly("heartbeats");
        var mixed = new HeartbeatBody(NOW, null, null, null, null, null, null, null, List.of(valid(NOW)));
        assertThat(fields(mixed)).containsExactly("heartbeats");
    }

    @Test
    void acceptsOnlyAgentsWithTheTelemetryScope() {
        UUID agent = UUID.randomUUID();
        assertThat(HeartbeatIngest.requireTelemetryWriter(
                new Caller(Caller.Kind.AGENT, agent.toString(), ORG, Set.of("telemetry:write")))).isEqualTo(agent);
        assertThatThrownBy(() -> HeartbeatIngest.requireTelemetryWriter(
                new Caller(Caller.Kind.AGENT, agent.toString(), ORG, Set.of("tasks:read"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("insufficient_scope"));
        assertThatThrownBy(() -> HeartbeatIngest.requireTelemetryWriter(
                new Caller(Caller.Kind.ADMIN, "admin", null, Set.of())))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
        assertThatThrownBy(() -> HeartbeatIngest.requireTelemetryWriter(
                new Caller(Caller.Kind.USER, "auth0|ada", null, Set.of("telemetry:write"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
    }

    @SuppressWarnings("unchecked")
    private List<String> fields(HeartbeatBody body) {
        try {
            rules.accept(body, AGENT, ORG, NOW, UUID::randomUUID);
        } catch (ApiException e) {
            assertThat(e.code()).isEqualTo("validation_failed");
            return ((List<Map<String, String>>) e.properties().get("errors")).stream().map(m -> m.get("field")).toList();
        }
        throw new AssertionError("accepted " + body);
    }
}

package io.missioncontrol.telemetry.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.contracts.telemetry.Heartbeat;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WatchMappingTest {

    private static final WatchMapping.Counters BEFORE = new WatchMapping.Counters(1_000, 1_500);

    @Test
    void theFirstReportSetsTheBaselineAndCountsNothing() {
        assertThat(WatchMapping.tokenDelta(null, new WatchMapping.Counters(90_000, 120_000), "m")).isNull();
    }

    @Test
    void cumulativeCountersBecomeInputAndOutputDeltas() {
        Heartbeat.TokenUsage delta = WatchMapping.tokenDelta(BEFORE, new WatchMapping.Counters(1_200, 1_800), "opus");
        assertThat(delta).isEqualTo(new Heartbeat.TokenUsage("opus", 200, 100, 0));
    }

    @Test
    void countersThatWentDownMeanARestartAndCountFromZero() {
        Heartbeat.TokenUsage delta = WatchMapping.tokenDelta(BEFORE, new WatchMapping.Counters(30, 50), null);
        assertThat(delta).isEqualTo(new Heartbeat.TokenUsage(WatchMapping.UNKNOWN_MODEL, 30, 20, 0));
    }

    @Test
    void unchangedCountersAddNoTokenUsage() {
        assertThat(WatchMapping.tokenDelta(BEFORE, BEFORE, "m")).isNull();
    }

    @Test
    void aMissingCounterKeepsTheLastOne() {
        assertThat(WatchMapping.counters(status(null, 2_000L), BEFORE)).isEqualTo(new WatchMapping.Counters(1_000, 2_000));
    }

    @Test
    void aStatusBecomesAHeartbeatMeasuredNowWithDownloadAsReceived() {
        UUID agent = UUID.randomUUID();
        UUID org = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-23T08:00:00.123456789Z");
        Heartbeat heartbeat = WatchMapping.heartbeat(UUID.randomUUID(), agent, org, now, status(10L, 20L), null,
                List.of());
        assertThat(heartbeat.time()).isEqualTo(Instant.parse("2026-11-23T08:00:00.123456Z"));
        assertThat(heartbeat.runtime()).isEqualTo(new Heartbeat.Runtime("running", "2026.3.1"));
        assertThat(heartbeat.cpuPercent()).isEqualTo(12.5);
        assertThat(heartbeat.memory()).isEqualTo(new Heartbeat.Usage(16_000, 4_000));
        assertThat(heartbeat.disk()).isEqualTo(new Heartbeat.Usage(500_000, 100_000));
        assertThat(heartbeat.network()).isEqualTo(new Heartbeat.Network(2_048.0, 1_024.0));
        assertThat(heartbeat.tokenUsage()).isEmpty();
    }

    @Test
    void anErrorLineKeepsItsSourceInTheMessage() {
        var entry = WatchMapping.error(new WatchReports.Error("error", "disk full", "gateway"),
                Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(entry.message()).isEqualTo("[gateway] disk full");
        assertThat(entry.level()).isEqualTo("error");
    }

    @Test
    void validationNamesEveryBadField() {
        var bad = new WatchReports.Status(null, "crashed", null, null, null, 140.0, null, -1L, null, null, null, null,
                null, null, null, null, -5L);
        assertThat(bad.problems()).extracting(problem -> problem.get("field"))
                .containsExactly("openclaw_status", "cpu_percent", "memory_total", "total_tokens");
        assertThat(new WatchReports.Error("loud", "x".repeat(501), null).problems())
                .extracting(problem -> problem.get("field")).containsExactly("level", "message");
    }

    static WatchReports.Status status(Long context, Long total) {
        return new WatchReports.Status("2026.3.1", "running", "node", "opus", "low", 12.5, 25.0, 16_000L, 4_000L, 20.0,
                500_000L, 100_000L, 1_024.0, 2_048.0, "203.0.113.7", context, total);
    }
}

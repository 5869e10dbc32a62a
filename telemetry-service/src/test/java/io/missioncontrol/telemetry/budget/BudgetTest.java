package io.missioncontrol.telemetry.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.contracts.budget.BudgetExceeded;
import io.missioncontrol.contracts.budget.BudgetWarning;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BudgetTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:17:42Z");

    private static Budget budget(UUID agent, boolean pause) {
        return new Budget(UUID.randomUUID(), UUID.randomUUID(), agent, Budget.Period.DAILY, new BigDecimal("10"),
                pause, 0, NOW, NOW);
    }

    @Test
    void crossesEightyAndThenAHundredPercentOnce() {
        Budget budget = budget(null, false);
        assertThat(budget.newlyCrossed(new BigDecimal("7.999999"), Set.of())).isEmpty();
        assertThat(budget.newlyCrossed(new BigDecimal("8"), Set.of())).containsExactly(80);
        assertThat(budget.newlyCrossed(new BigDecimal("9.5"), Set.of(80))).isEmpty();
        assertThat(budget.newlyCrossed(new BigDecimal("10"), Set.of(80))).containsExactly(100);
        assertThat(budget.newlyCrossed(new BigDecimal("50"), Set.of(80, 100))).isEmpty();
        assertThat(budget.newlyCrossed(new BigDecimal("12"), Set.of())).as("a jump past both alerts both")
                .containsExactly(80, 100);
    }

    @Test
    void periodsStartAtTheUtcDayAndMonth() {
        assertThat(Budget.Period.DAILY.start(NOW)).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(Budget.Period.MONTHLY.start(NOW)).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    }

    @Test
    void pausesOnlyAnAgentsOwnBudgetThatAsksForIt() {
        UUID agent = UUID.randomUUID();
        var exceeded = (BudgetExceeded) budget(agent, true).alert(100, NOW, new BigDecimal("10.1234567"), 3);
        assertThat(exceeded.pauseAgent()).isTrue();
        assertThat(exceeded.agentId()).isEqualTo(agent);
        assertThat(exceeded.spentUsd()).isEqualTo(new BigDecimal("10.123457"));
        assertThat(exceeded.aggregateVersion()).isEqualTo(3);
        assertThat(((BudgetExceeded) budget(agent, false).alert(100, NOW, BigDecimal.TEN, 1)).pauseAgent()).isFalse();
        assertThat(((BudgetExceeded) budget(null, true).alert(100, NOW, BigDecimal.TEN, 1)).pauseAgent()).isFalse();
        assertThat(budget(agent, true).alert(80, NOW, BigDecimal.TEN, 1)).isInstanceOf(BudgetWarning.class);
    }
}

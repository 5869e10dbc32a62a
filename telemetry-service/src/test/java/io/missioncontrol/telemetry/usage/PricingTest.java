package io.missioncontrol.telemetry.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.telemetry.usage.PriceProperties.ModelPrice;
import io.missioncontrol.telemetry.usage.Pricing.Cost;
import io.missioncontrol.telemetry.usage.Pricing.Tokens;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricingTest {

    private final Pricing pricing = new Pricing(new PriceProperties(Map.of(
            "claude-sonnet-4-5", new ModelPrice(new BigDecimal("3"), new BigDecimal("15"), new BigDecimal("0.30")),
            "gpt-5", new ModelPrice(new BigDecimal("1.25"), new BigDecimal("10"), new BigDecimal("0.125")),
            "gpt-5-mini", new ModelPrice(new BigDecimal("0.25"), new BigDecimal("2"), null))));

    @Test
    void pricesInputOutputAndCachedTokensPerMillionExactly() {
        Cost cost = pricing.cost("claude-sonnet-4-5", new Tokens(1_234_567, 89_012, 3_456));
        // 1,234,567 × 3 + 89,012 × 15 + 3,456 × 0.30, per million
        assertThat(cost.usd()).isEqualByComparingTo("5.0399178");
        assertThat(cost.priced()).isTrue();
        assertThat(Pricing.shown(cost.usd())).isEqualTo(new BigDecimal("5.039918"));
    }

    @Test
    void addsUpWithoutFloatingPointDrift() {
        Cost sum = Cost.NONE;
        for (int i = 0; i < 10_000; i++) {
            sum = sum.plus(pricing.cost("gpt-5", new Tokens(1, 1, 1)));
        }
        assertThat(sum.usd()).isEqualByComparingTo("0.11375");
    }

    @Test
    void matchesAVersionedModelNameByTheLongestPricedPrefix() {
        assertThat(pricing.priceOf("claude-sonnet-4-5-20250929")).isPresent();
        assertThat(pricing.priceOf("GPT-5")).isPresent();
        assertThat(pricing.priceOf("gpt-5-mini-2025-08-07").orElseThrow().inputPerMillion())
                .isEqualByComparingTo("0.25");
        assertThat(pricing.priceOf("gpt-5-2025-08-07").orElseThrow().inputPerMillion()).isEqualByComparingTo("1.25");
        assertThat(pricing.priceOf("gpt-50")).as("a prefix must end at a separator").isEmpty();
    }

    @Test
    void chargesCachedTokensAtTheInputPriceWhenNoCachedPriceIsGiven() {
        assertThat(pricing.cost("gpt-5-mini", new Tokens(0, 0, 1_000_000)).usd()).isEqualByComparingTo("0.25");
    }

    @Test
    void costsNothingButFlagsAnUnknownModel() {
        Cost cost = pricing.cost("llama-local", new Tokens(1_000, 1_000, 0));
        assertThat(cost.usd()).isEqualByComparingTo("0");
        assertThat(cost.priced()).isFalse();
        assertThat(pricing.cost("llama-local", Tokens.NONE).priced()).as("no tokens, nothing unpriced").isTrue();
        assertThat(cost.plus(pricing.cost("gpt-5", new Tokens(1, 0, 0))).priced()).isFalse();
    }

    @Test
    void refusesANegativePrice() {
        assertThatThrownBy(() -> new ModelPrice(new BigDecimal("-1"), BigDecimal.ONE, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

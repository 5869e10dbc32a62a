package io.missioncontrol.telemetry.usage;

import io.missioncontrol.telemetry.usage.PriceProperties.ModelPrice;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Token cost in USD from the price table, exactly: tokens × price per million, shifted six places, with no rounding
 * until a value is shown ({@link #shown}). Input, output and cached tokens are priced separately, as agents report
 * them (cached tokens are not part of the input count).
 *
 * <p>A model is found by its exact name (case-insensitive), else by the longest priced name it begins with followed
 * by a non-alphanumeric character: {@code claude-sonnet-4-5-20250929} is priced as {@code claude-sonnet-4-5}, and
 * {@code gpt-5-mini} as {@code gpt-5} unless {@code gpt-5-mini} has a price of its own. An unknown model costs 0 and
 * is flagged {@code priced: false}, so a missing price shows instead of hiding in a total.
 */
@Component
public class Pricing {

    private final Map<String, ModelPrice> prices;

    public Pricing(PriceProperties properties) {
        this.prices = properties.prices().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue,
                        (a, b) -> {
                            throw new IllegalArgumentException("mc.telemetry.prices names a model twice");
                        }));
    }

    public Optional<ModelPrice> priceOf(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        ModelPrice exact = prices.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String key : prices.keySet()) {
            if (name.length() > key.length() && name.startsWith(key)
                    && !Character.isLetterOrDigit(name.charAt(key.length()))
                    && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return Optional.ofNullable(best).map(prices::get);
    }

    /** What the tokens of one model cost; 0 and unpriced for a model without a price. */
    public Cost cost(String model, Tokens tokens) {
        return priceOf(model)
                .map(price -> new Cost(perMillion(tokens.input(), price.inputPerMillion())
                        .add(perMillion(tokens.output(), price.outputPerMillion()))
                        .add(perMillion(tokens.cached(), price.cachedPerMillion())), true))
                .orElseGet(() -> new Cost(BigDecimal.ZERO, tokens.total() == 0));
    }

    /** A USD amount as the API shows it: six decimals (a millionth of a dollar is below any price per token). */
    public static BigDecimal shown(BigDecimal usd) {
        return usd.setScale(6, RoundingMode.HALF_UP);
    }

    private static BigDecimal perMillion(long tokens, BigDecimal price) {
        return BigDecimal.valueOf(tokens).multiply(price).movePointLeft(6);
    }

    public record Tokens(long input, long output, long cached) {

        public static final Tokens NONE = new Tokens(0, 0, 0);

        public long total() {
            return input + output + cached;
        }

        public Tokens plus(Tokens other) {
            return new Tokens(input + other.input, output + other.output, cached + other.cached);
        }
    }

    /** @param priced false when some of the tokens were of a model without a price (counted as 0) */
    public record Cost(BigDecimal usd, boolean priced) {

        public static final Cost NONE = new Cost(BigDecimal.ZERO, true);

        public Cost plus(Cost other) {
            return new Cost(usd.add(other.usd), priced && other.priced);
        }
    }
}

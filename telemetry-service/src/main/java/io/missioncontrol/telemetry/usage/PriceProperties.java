package io.missioncontrol.telemetry.usage;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The price table: {@code mc.telemetry.prices.<model>.input-per-million} (and {@code output-per-million},
 * {@code cached-per-million}), USD per million tokens. A model name with a dot needs brackets in YAML
 * ({@code "[gpt-4.1]"}). The defaults live in telemetry-service.yml; a deployment replaces or adds entries.
 */
@ConfigurationProperties("mc.telemetry")
public record PriceProperties(Map<String, ModelPrice> prices) {

    public PriceProperties {
        prices = prices == null ? Map.of() : Map.copyOf(prices);
    }

    /**
     * @param cachedPerMillion what a cached input token costs; the input price when not given (a provider without a
     *                         cache discount)
     */
    public record ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal cachedPerMillion) {

        public ModelPrice {
            inputPerMillion = requireNonNegative(inputPerMillion, "input-per-million");
            outputPerMillion = requireNonNegative(outputPerMillion, "output-per-million");
            cachedPerMillion = cachedPerMillion == null ? inputPerMillion
                    : requireNonNegative(cachedPerMillion, "cached-per-million");
        }

        private static BigDecimal requireNonNegative(BigDecimal price, String name) {
            if (price == null || price.signum() < 0) {
                throw new IllegalArgumentException("mc.telemetry.prices.<model>." + name
                        + " must be given and not negative");
            }
            return price;
        }
    }
}

package io.missioncontrol.telemetry.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.platform.web.ApiException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrendQueryTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:17:42Z");

    @Test
    void alignsTheStartToItsBucket() {
        TrendQuery query = TrendQuery.of("cpu", "hour", Instant.parse("2026-11-23T03:59:00Z"), NOW, NOW);
        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-23T03:00:00Z"));
        assertThat(query.to()).isEqualTo(NOW);
    }

    @Test
    void defaultsToTheLastDayInHours() {
        TrendQuery query = TrendQuery.of("memory", null, null, null, NOW);
        assertThat(query.bucket()).isEqualTo(TrendQuery.Bucket.HOUR);
        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    }

    @Test
    void refusesAnEmptyOrReversedRange() {
        assertThatThrownBy(() -> TrendQuery.of("cpu", "minute", NOW, NOW, NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_range"));
        assertThatThrownBy(() -> TrendQuery.of("cpu", "minute", NOW, NOW.minusSeconds(60), NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_range"));
    }

    @Test
    void refusesMoreBucketsThanTheLimit() {
        Instant from = NOW.minusSeconds(60L * TrendQuery.MAX_BUCKETS);
        assertThat(TrendQuery.of("cpu", "minute", from.plusSeconds(60), NOW, NOW).from()).isNotNull();
        assertThatThrownBy(() -> TrendQuery.of("cpu", "minute", from.minusSeconds(60), NOW, NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("too_many_buckets");
                    assertThat(e.status().value()).isEqualTo(422);
                });
        assertThat(TrendQuery.of("cpu", "day", NOW.minusSeconds(86_400L * 365), NOW, NOW).bucket())
                .isEqualTo(TrendQuery.Bucket.DAY);
    }

    @Test
    void refusesAnUnknownMetricOrBucket() {
        assertThatThrownBy(() -> TrendQuery.of("gpu", "hour", null, null, NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_parameter"));
        assertThatThrownBy(() -> TrendQuery.of("cpu", "week", null, null, NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_parameter"));
        assertThatThrownBy(() -> TrendQuery.of(null, "hour", null, null, NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("missing_parameter"));
    }
}

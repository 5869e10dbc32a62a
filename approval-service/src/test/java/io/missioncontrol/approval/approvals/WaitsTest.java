package io.missioncontrol.approval.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.platform.web.ApiException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitsTest {

    private static final Duration CAP = Duration.ofSeconds(60);

    @Test
    void readsSecondsMillisecondsAndMinutes() {
        assertThat(Waits.parse("30s", CAP)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Waits.parse("1500ms", CAP)).isEqualTo(Duration.ofMillis(1500));
        assertThat(Waits.parse("1m", CAP)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Waits.parse("5", CAP)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Waits.parse(null, CAP)).isZero();
    }

    @Test
    void capsLongWaits() {
        assertThat(Waits.parse("10m", CAP)).isEqualTo(CAP);
    }

    @Test
    void refusesGarbage() {
        for (String garbage : new String[] {"soon", "-5s", "30 s", "1h", "PT30S", "99999999s"}) {
            assertThatThrownBy(() -> Waits.parse(garbage, CAP)).as(garbage).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.code()).isEqualTo("invalid_wait"));
        }
    }
}

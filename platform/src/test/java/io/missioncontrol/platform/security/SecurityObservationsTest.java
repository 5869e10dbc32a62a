package io.missioncontrol.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.platform.web.ApiException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** What keeps a request's security path cheap (docs/decisions/0023-request-path-cost.md). */
class SecurityObservationsTest {

    private final InternalTokenSecurityConfiguration configuration = new InternalTokenSecurityConfiguration();

    @Test
    void securityFiltersAreNotObservedByDefault() {
        var settings = configuration.securityObservationSettings(properties(false));

        assertThat(settings.shouldObserveRequests()).isFalse();
        assertThat(settings.shouldObserveAuthentications()).isFalse();
        assertThat(settings.shouldObserveAuthorizations()).isFalse();
    }

    @Test
    void securityObservationsCanBeTurnedBackOn() {
        var settings = configuration.securityObservationSettings(properties(true));

        assertThat(settings.shouldObserveRequests()).isTrue();
        assertThat(settings.shouldObserveAuthentications()).isTrue();
        assertThat(settings.shouldObserveAuthorizations()).isTrue();
    }

    @Test
    void refusalsCarryNoStackTrace() {
        var refusal = new ApiException(HttpStatus.FORBIDDEN, "insufficient_scope", "needs a scope");

        assertThat(refusal.getStackTrace()).isEmpty();
        assertThat(refusal.getMessage()).isEqualTo("needs a scope");
    }

    private static InternalTokenProperties properties(boolean observations) {
        return new InternalTokenProperties(null, "mission-control-gateway", "mission-control", Duration.ofSeconds(5),
                observations);
    }
}

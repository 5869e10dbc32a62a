package io.missioncontrol.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ApiExceptionTest {

    @Test
    void refusalCarriesItsAnswerButNoStackTrace() {
        var refusal = new ApiException(HttpStatus.FORBIDDEN, "insufficient_scope", "needs a scope",
                Map.of("required_scope", "telemetry:write"));

        assertThat(refusal.getStackTrace()).isEmpty();
        assertThat(refusal.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refusal.code()).isEqualTo("insufficient_scope");
        assertThat(refusal.getMessage()).isEqualTo("needs a scope");
        assertThat(refusal.properties()).containsEntry("required_scope", "telemetry:write");
    }
}

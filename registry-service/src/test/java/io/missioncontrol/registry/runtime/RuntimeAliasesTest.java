package io.missioncontrol.registry.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.platform.web.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** {@code endpoint} as the Mission Control API's name for {@code endpoint_url}, and who can take work. */
class RuntimeAliasesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void takesEndpointForEndpointUrlInAPatch() {
        assertThat(RuntimePatch.parse(JSON.readTree("{\"endpoint\": \"https://a.example.com\"}")).endpointUrl())
                .isEqualTo("https://a.example.com");
        assertThat(RuntimePatch.parse(JSON.readTree(
                "{\"endpoint\": \"https://a.example.com\", \"endpoint_url\": \"https://a.example.com\"}")).endpointUrl())
                .isEqualTo("https://a.example.com");
        assertThat(RuntimePatch.parse(JSON.readTree("{\"name\": \"x\"}")).endpointUrl()).isNull();
    }

    @Test
    void refusesTwoDifferentEndpoints() {
        assertThatThrownBy(() -> RuntimePatch.endpoint("https://a.example.com", "https://b.example.com"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("validation_failed"));
    }

    @Test
    void takesWorkOnlyWhenHealthyAndCapable() {
        Runtime unknown = Runtime.register(UUID.randomUUID(), UUID.randomUUID(), "gpu", "https://gpu.example.com",
                List.of("gpu", "python"), null, Instant.EPOCH).runtime();
        Runtime healthy = unknown.checked(HealthStatus.HEALTHY, null, Instant.EPOCH).runtime();
        Runtime unhealthy = healthy.checked(HealthStatus.UNHEALTHY, "down", Instant.EPOCH).runtime();

        assertThat(RuntimeService.canTake(healthy, List.of("GPU", "python"))).isTrue();
        assertThat(RuntimeService.canTake(healthy, List.of())).isTrue();
        assertThat(RuntimeService.canTake(healthy, List.of("quantum"))).isFalse();
        assertThat(RuntimeService.canTake(unknown, List.of())).isFalse();
        assertThat(RuntimeService.canTake(unhealthy, List.of())).isFalse();
    }
}

package io.missioncontrol.registry.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.contracts.runtime.RuntimeHealthChanged;
import io.missioncontrol.contracts.runtime.RuntimeRegistered;
import io.missioncontrol.contracts.runtime.RuntimeUpdated;
import io.missioncontrol.registry.secrets.Sealed;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RuntimeTest {

    private static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z");
    private static final Sealed TOKEN = new Sealed("k1", new byte[12], new byte[20]);

    private final Runtime registered = Runtime.register(UUID.randomUUID(), UUID.randomUUID(), "gpu",
            "https://gpu.example.com", List.of("gpu"), TOKEN, NOW).runtime();

    @Test
    void startsWithUnknownHealthAndSaysOnlyThatItHasAToken() {
        Runtime.Change change = Runtime.register(UUID.randomUUID(), UUID.randomUUID(), "gpu",
                "https://gpu.example.com", List.of("gpu"), TOKEN, NOW);
        assertThat(change.runtime().health()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(change.event()).isInstanceOfSatisfying(RuntimeRegistered.class,
                event -> assertThat(event.hasToken()).isTrue());
        assertThat(change.runtime().toString()).contains("hasToken=true").doesNotContain("Sealed");
    }

    @Test
    void publishesAHealthEventOnlyWhenTheStatusChanges() {
        Runtime.Change healthy = registered.checked(HealthStatus.HEALTHY, null, NOW.plusSeconds(30));
        assertThat(healthy.event()).isInstanceOfSatisfying(RuntimeHealthChanged.class, event -> {
            assertThat(event.from()).isEqualTo("unknown");
            assertThat(event.to()).isEqualTo("healthy");
            assertThat(event.version()).isEqualTo(1);
        });
        Runtime.Change again = healthy.runtime().checked(HealthStatus.HEALTHY, null, NOW.plusSeconds(60));
        assertThat(again.event()).isNull();
        assertThat(again.runtime().version()).isEqualTo(1);
        assertThat(again.runtime().lastCheckedAt()).isEqualTo(NOW.plusSeconds(60));

        Runtime.Change down = again.runtime().checked(HealthStatus.UNHEALTHY, "GET /health answered 503",
                NOW.plusSeconds(90));
        assertThat(down.event()).isInstanceOfSatisfying(RuntimeHealthChanged.class,
                event -> assertThat(event.lastError()).isEqualTo("GET /health answered 503"));
        assertThat(down.runtime().version()).isEqualTo(2);
    }

    @Test
    void forgetsItsHealthWhenItMovesToAnotherEndpoint() {
        Runtime healthy = registered.checked(HealthStatus.HEALTHY, null, NOW).runtime();
        Runtime.Change moved = healthy.update("gpu", "https://gpu-2.example.com", List.of("gpu"), null, false, NOW);
        assertThat(moved.runtime().health()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(moved.runtime().token()).isSameAs(TOKEN);
        Runtime.Change renamed = healthy.update("gpu-east", "https://gpu.example.com", List.of("gpu"), null, false, NOW);
        assertThat(renamed.runtime().health()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void saysATokenWasRotatedWithoutCarryingIt() {
        Sealed rotated = new Sealed("k1", new byte[12], new byte[24]);
        Runtime.Change change = registered.update("gpu", "https://gpu.example.com", List.of("gpu"), rotated, true, NOW);
        assertThat(change.runtime().token()).isSameAs(rotated);
        assertThat(change.event()).isInstanceOfSatisfying(RuntimeUpdated.class,
                event -> assertThat(event.tokenRotated()).isTrue());
        Runtime.Change removed = registered.update("gpu", "https://gpu.example.com", List.of("gpu"), null, true, NOW);
        assertThat(removed.runtime().hasToken()).isFalse();
    }

    @Test
    void bindsTheTokenToItsOrganizationAndRuntime() {
        assertThat(registered.associatedData())
                .isEqualTo("runtime-token:" + registered.organizationId() + ":" + registered.id());
    }
}

package io.missioncontrol.gateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.contracts.credential.AgentKeyIssued;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class CredentialCacheHealthIndicatorTest {

    private final CredentialTable table = new CredentialTable();
    private final CredentialCacheHealthIndicator indicator = new CredentialCacheHealthIndicator(table);

    @Test
    void isDownWhileTheKeysAreLoading() {
        assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void isUpOnceLoadedWithTheNumberOfKeys() {
        table.issue(new AgentKeyIssued(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "robot", "hash",
                List.of(), null, 1));
        table.markLoaded();

        var health = indicator.health(true);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("keys", 1);
    }
}

package io.missioncontrol.registry.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.contracts.credential.AgentKeys;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.registry.agent.AgentRef;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgentKeyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z");
    private static final AgentRef AGENT = new AgentRef(UUID.randomUUID(), UUID.randomUUID(), "welder", "active");

    @Test
    void issuesAKeyWhoseSecretOnlyTheHolderKnows() {
        AgentKey.Issued issued = AgentKey.issue(AGENT, List.of("tasks:read"), null, "admin", NOW, new SecureRandom());

        AgentKeys.Presented presented = AgentKeys.parse(issued.plaintext()).orElseThrow();
        assertThat(presented.keyId()).isEqualTo(issued.key().id());
        assertThat(AgentKeys.matches(presented.secret(), issued.key().secretHash())).isTrue();
        assertThat(issued.key().secretHash()).isNotEqualTo(presented.secret());
        assertThat(issued.event().secretHash()).isEqualTo(issued.key().secretHash());
        assertThat(issued.event().toString()).doesNotContain(presented.secret());
        assertThat(issued.key().toString()).doesNotContain(presented.secret());
    }

    @Test
    void keepsScopesOnceInTheContractsOrder() {
        assertThat(AgentKey.scopes(List.of("tasks:write", "telemetry:write", "tasks:write")))
                .containsExactly("telemetry:write", "tasks:write");
    }

    @Test
    void refusesUnknownScopes() {
        assertThatThrownBy(() -> AgentKey.scopes(List.of("tasks:read", "root", "tasks:*")))
                .isInstanceOfSatisfying(ApiException.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo("unknown_scope");
                    assertThat(refusal.properties()).containsEntry("unknown_scopes", List.of("root", "tasks:*"));
                });
    }

    @Test
    void refusesAnExpiryInThePastAndARetiredAgent() {
        assertThatThrownBy(() -> AgentKey.issue(AGENT, List.of("tasks:read"), NOW, "admin", NOW, new SecureRandom()))
                .isInstanceOfSatisfying(ApiException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo("validation_failed"));
        AgentRef retired = new AgentRef(AGENT.id(), AGENT.organizationId(), "welder", "retired");
        assertThatThrownBy(() -> AgentKey.issue(retired, List.of("tasks:read"), null, "admin", NOW, new SecureRandom()))
                .isInstanceOfSatisfying(ApiException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo("agent_retired"));
    }

    @Test
    void revokesOnceWithAReason() {
        AgentKey key = AgentKey.issue(AGENT, List.of("tasks:read"), NOW.plusSeconds(60), "admin", NOW,
                new SecureRandom()).key();

        var revoked = key.revoke("welder", AgentKey.ROTATED, NOW);
        var again = revoked.getKey().revoke("welder", AgentKey.REVOKED, NOW);

        assertThat(revoked.getValue()).singleElement().satisfies(event -> {
            assertThat(event.reason()).isEqualTo("rotated");
            assertThat(event.version()).isEqualTo(1);
        });
        assertThat(again.getValue()).isEmpty();
        assertThat(again.getKey().revokedReason()).isEqualTo("rotated");
        assertThat(key.status(NOW)).isEqualTo("active");
        assertThat(key.status(NOW.plusSeconds(60))).isEqualTo("expired");
        assertThat(revoked.getKey().status(NOW)).isEqualTo("revoked");
    }
}

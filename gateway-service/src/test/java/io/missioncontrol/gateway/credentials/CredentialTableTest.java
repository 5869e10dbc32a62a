package io.missioncontrol.gateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.contracts.credential.AgentKeyIssued;
import io.missioncontrol.contracts.credential.AgentKeyRevoked;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CredentialTableTest {

    private static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z");

    private final CredentialTable table = new CredentialTable();
    private final UUID keyId = UUID.randomUUID();
    private final UUID agentId = UUID.randomUUID();
    private final UUID organizationId = UUID.randomUUID();

    @Test
    void issuedKeyIsFoundWithItsAgentOrganizationAndScopes() {
        table.issue(issued(1, List.of("tasks:read"), "hash-1"));

        AgentCredential credential = table.find(keyId).orElseThrow();
        assertThat(credential.agentId()).isEqualTo(agentId);
        assertThat(credential.organizationId()).isEqualTo(organizationId);
        assertThat(credential.scopes()).containsExactly("tasks:read");
        assertThat(credential.secretHash()).isEqualTo("hash-1");
        assertThat(credential.usableAt(NOW)).isTrue();
    }

    @Test
    void olderIssueIsIgnored() {
        table.issue(issued(2, List.of("tasks:read", "tasks:write"), "hash-2"));
        table.issue(issued(1, List.of("tasks:read"), "hash-1"));
        table.issue(issued(2, List.of(), "hash-2-again"));

        AgentCredential credential = table.find(keyId).orElseThrow();
        assertThat(credential.version()).isEqualTo(2);
        assertThat(credential.secretHash()).isEqualTo("hash-2");
        assertThat(credential.scopes()).containsExactlyInAnyOrder("tasks:read", "tasks:write");
    }

    @Test
    void newerIssueReplacesTheKey() {
        table.issue(issued(1, List.of("tasks:read"), "hash-1"));
        table.issue(issued(3, List.of("telemetry:write"), "hash-1"));

        assertThat(table.find(keyId).orElseThrow().scopes()).containsExactly("telemetry:write");
    }

    @Test
    void revocationWinsOverReplayedIssue() {
        table.issue(issued(1, List.of("tasks:read"), "hash-1"));
        table.revoke(revoked(2));
        table.issue(issued(1, List.of("tasks:read"), "hash-1"));
        // Not even an issue with a higher version brings a revoked key back: key ids are never re-issued.
        table.issue(issued(5, List.of("tasks:read"), "hash-1"));

        AgentCredential credential = table.find(keyId).orElseThrow();
        assertThat(credential.revoked()).isTrue();
        assertThat(credential.usableAt(NOW)).isFalse();
    }

    @Test
    void revocationSeenBeforeItsIssueKeepsTheKeyRefused() {
        table.revoke(revoked(2));
        assertThat(table.find(keyId)).isEmpty();

        table.issue(issued(1, List.of("tasks:read"), "hash-1"));

        assertThat(table.find(keyId)).isEmpty();
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void olderRevocationStillRevokes() {
        table.issue(issued(3, List.of("tasks:read"), "hash-1"));
        table.revoke(revoked(2));

        AgentCredential credential = table.find(keyId).orElseThrow();
        assertThat(credential.revoked()).isTrue();
        assertThat(credential.version()).isEqualTo(3);
    }

    @Test
    void expiredKeyIsNotUsable() {
        table.issue(new AgentKeyIssued(keyId, agentId, organizationId, "robot", "hash-1", List.of(), NOW, 1));

        AgentCredential credential = table.find(keyId).orElseThrow();
        assertThat(credential.usableAt(NOW.minusMillis(1))).isTrue();
        assertThat(credential.usableAt(NOW)).isFalse();
    }

    @Test
    void isNotLoadedUntilMarked() {
        assertThat(table.isLoaded()).isFalse();
        table.markLoaded();
        assertThat(table.isLoaded()).isTrue();
    }

    private AgentKeyIssued issued(long version, List<String> scopes, String hash) {
        return new AgentKeyIssued(keyId, agentId, organizationId, "robot", hash, scopes, null, version);
    }

    private AgentKeyRevoked revoked(long version) {
        return new AgentKeyRevoked(keyId, agentId, organizationId, "robot", "revoked", version);
    }
}

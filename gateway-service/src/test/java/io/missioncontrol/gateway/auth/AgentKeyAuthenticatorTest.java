package io.missioncontrol.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.contracts.credential.AgentKeyIssued;
import io.missioncontrol.contracts.credential.AgentKeyRevoked;
import io.missioncontrol.contracts.credential.AgentKeys;
import io.missioncontrol.gateway.credentials.CredentialTable;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import reactor.test.StepVerifier;

class AgentKeyAuthenticatorTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z");

    private final CredentialTable table = new CredentialTable();
    private final List<String> comparedHashes = new ArrayList<>();
    private final BiPredicate<String, String> recordingMatcher = (secret, hash) -> {
        comparedHashes.add(hash);
        return AgentKeys.matches(secret, hash);
    };
    private final AgentKeyAuthenticator authenticator =
            new AgentKeyAuthenticator(table, Clock.fixed(NOW, ZoneOffset.UTC), recordingMatcher);
    private final UUID keyId = UUID.randomUUID();
    private final UUID agentId = UUID.randomUUID();
    private final UUID organizationId = UUID.randomUUID();
    private final String secret = AgentKeys.newSecret(RANDOM);

    @Test
    void validKeyBecomesAgentCallerOfItsOrganization() {
        table.markLoaded();
        issue(null);

        StepVerifier.create(authenticator.authenticate(AgentKeys.format(keyId, secret)))
                .assertNext(caller -> {
                    assertThat(caller.kind()).isEqualTo(GatewayCaller.Kind.AGENT);
                    assertThat(caller.subject()).isEqualTo(agentId.toString());
                    assertThat(caller.agentId()).isEqualTo(agentId);
                    assertThat(caller.organizationId()).isEqualTo(organizationId);
                    assertThat(caller.scopes()).containsExactly("tasks:read");
                    assertThat(caller.email()).isNull();
                })
                .verifyComplete();
    }

    @Test
    void unknownKeyIdStillComparesTheSecretWithAHash() {
        table.markLoaded();
        issue(null);

        StepVerifier.create(authenticator.authenticate(AgentKeys.format(UUID.randomUUID(), secret)))
                .verifyError(BadCredentialsException.class);

        // One comparison, as for a known id, against a well-formed hash that is not any key's.
        assertThat(comparedHashes).hasSize(1);
        assertThat(comparedHashes.get(0)).hasSameSizeAs(AgentKeys.hash(secret)).isNotEqualTo(AgentKeys.hash(secret));
    }

    @Test
    void wrongSecretIsRefusedAfterTheSameComparison() {
        table.markLoaded();
        issue(null);

        StepVerifier.create(authenticator.authenticate(AgentKeys.format(keyId, AgentKeys.newSecret(RANDOM))))
                .verifyError(BadCredentialsException.class);

        assertThat(comparedHashes).containsExactly(AgentKeys.hash(secret));
    }

    @Test
    void revokedKeyIsRefused() {
        table.markLoaded();
        issue(null);
        table.revoke(new AgentKeyRevoked(keyId, agentId, organizationId, "robot", "revoked", 2));

        StepVerifier.create(authenticator.authenticate(AgentKeys.format(keyId, secret)))
                .verifyError(BadCredentialsException.class);
        assertThat(comparedHashes).hasSize(1);
    }

    @Test
    void expiredKeyIsRefused() {
        table.markLoaded();
        issue(NOW);

        StepVerifier.create(authenticator.authenticate(AgentKeys.format(keyId, secret)))
                .verifyError(BadCredentialsException.class);
    }

    @Test
    void tokenOfAnotherKindIsLeftToTheNextMethod() {
        table.markLoaded();

        StepVerifier.create(authenticator.authenticate("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")).verifyComplete();
        StepVerifier.create(authenticator.authenticate("mc_123.short")).verifyComplete();
        assertThat(comparedHashes).isEmpty();
    }

    @Test
    void keysCannotBeCheckedBeforeTheTableIsLoaded() {
        issue(null);

        StepVerifier.create(authenticator.authenticate(AgentKeys.format(keyId, secret)))
                .verifyErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(AuthenticationServiceException.class)
                        .isInstanceOf(CredentialsUnavailableException.class));
    }

    private void issue(Instant expiresAt) {
        table.issue(new AgentKeyIssued(keyId, agentId, organizationId, "robot", AgentKeys.hash(secret),
                List.of("tasks:read"), expiresAt, 1));
    }
}

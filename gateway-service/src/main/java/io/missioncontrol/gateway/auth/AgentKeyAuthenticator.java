package io.missioncontrol.gateway.auth;

import io.missioncontrol.contracts.credential.AgentKeys;
import io.missioncontrol.gateway.credentials.AgentCredential;
import io.missioncontrol.gateway.credentials.CredentialTable;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.BiPredicate;
import org.springframework.security.authentication.BadCredentialsException;
import reactor.core.publisher.Mono;

/**
 * Agent API keys ({@code mc_<key-id>.<secret>}), checked against the gateway's own credential table: no call to
 * registry-service on the request path. The key becomes an {@code agent} caller fixed to its organization, with the
 * key's scopes.
 *
 * <p>A token without the agent key shape is another method's (empty). A key that is unknown, has the wrong secret, is
 * revoked or has expired gets one and the same refusal, so an answer never tells which; and the secret is compared
 * with a hash also when the id is unknown (against a hash no secret has), so neither does the time it takes.
 */
final class AgentKeyAuthenticator implements BearerTokenAuthenticator {

    /** Compared against when the key id is unknown: a well-formed hash of a secret nobody holds. */
    private static final String UNKNOWN_KEY_HASH = AgentKeys.hash(AgentKeys.newSecret(new SecureRandom()));

    private final CredentialTable credentials;
    private final Clock clock;
    private final BiPredicate<String, String> secretMatches;

    AgentKeyAuthenticator(CredentialTable credentials, Clock clock) {
        this(credentials, clock, AgentKeys::matches);
    }

    /** @param secretMatches the secret check, {@link AgentKeys#matches} (replaceable so tests can watch it) */
    AgentKeyAuthenticator(CredentialTable credentials, Clock clock, BiPredicate<String, String> secretMatches) {
        this.credentials = credentials;
        this.clock = clock;
        this.secretMatches = secretMatches;
    }

    @Override
    public Mono<GatewayCaller> authenticate(String token) {
        var presented = AgentKeys.parse(token);
        if (presented.isEmpty()) {
            return Mono.empty();
        }
        if (!credentials.isLoaded()) {
            return Mono.error(new CredentialsUnavailableException("The agent keys are not loaded yet"));
        }
        // A map lookup and one SHA-256: microseconds, fine on the event loop.
        AgentCredential credential = credentials.find(presented.get().keyId()).orElse(null);
        String expectedHash = credential == null ? UNKNOWN_KEY_HASH : credential.secretHash();
        boolean secretMatchesHash = secretMatches.test(presented.get().secret(), expectedHash);
        if (credential == null || !secretMatchesHash || !credential.usableAt(clock.instant())) {
            return Mono.error(new BadCredentialsException("Invalid agent key"));
        }
        return Mono.just(new GatewayCaller(GatewayCaller.Kind.AGENT, credential.agentId().toString(),
                credential.organizationId(), credential.scopes(), credential.agentId()));
    }
}

package io.missioncontrol.registry.credential;

import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import io.missioncontrol.registry.agent.AgentRef;
import io.missioncontrol.registry.agent.AgentService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * Agent API keys: issue, list, rotate, revoke. Administrators of the agent's organization manage them; agents do not
 * manage keys, not even their own. Each change publishes its event on {@code mc.credentials} in the same transaction,
 * which is all the gateway needs to accept or refuse a key.
 */
@Service
class KeyService {

    private final AgentService agents;
    private final KeyStore keys;
    private final Outbox outbox;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    KeyService(AgentService agents, KeyStore keys, Outbox outbox, Clock clock) {
        this.agents = agents;
        this.keys = keys;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Issues a key under the agent's row lock, so it cannot slip past a concurrent retirement. */
    @Transactional
    Mono<KeyViews.Issued> issue(UUID agentId, List<String> scopes, Instant expiresAt) {
        return agents.manageable(agentId, true)
                .zipWith(by())
                .flatMap(found -> issue(found.getT1(), scopes, expiresAt, found.getT2(), null));
    }

    Mono<Page<KeyViews.Metadata>> list(UUID agentId, Page.Cursor after, int limit) {
        return agents.manageable(agentId, false)
                .thenMany(keys.page(agentId, after, limit + 1))
                .collectList()
                .map(rows -> {
                    Instant now = clock.instant();
                    List<AgentKey> items = rows.size() > limit ? rows.subList(0, limit) : rows;
                    String next = rows.size() > limit
                            ? new Page.Cursor(items.get(limit - 1).createdAt(), items.get(limit - 1).id()).encode()
                            : null;
                    return new Page<>(items.stream().map(key -> KeyViews.Metadata.of(key, now)).toList(), next);
                });
    }

    /**
     * A new key with the old one's scopes (and its expiry, unless another is given), and the old key revoked with
     * reason {@code rotated}, in one transaction. A revoked or expired key cannot be rotated: issue a new one.
     */
    @Transactional
    Mono<KeyViews.Issued> rotate(UUID agentId, UUID keyId, Instant expiresAt) {
        return agents.manageable(agentId, true)
                .zipWith(by())
                .flatMap(found -> keys.lock(agentId, keyId)
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("key", keyId)))
                        .flatMap(old -> {
                            AgentRef agent = found.getT1();
                            Instant now = clock.instant();
                            if (agent.retired()) {
                                return Mono.error(KeyProblems.agentRetired(agentId));
                            }
                            if (old.revoked()) {
                                return Mono.error(KeyProblems.keyRevoked(keyId));
                            }
                            if (old.expired(now)) {
                                return Mono.error(KeyProblems.keyExpired(keyId));
                            }
                            var revoked = old.revoke(agent.name(), AgentKey.ROTATED, now);
                            return issue(agent, old.scopes(), expiresAt == null ? old.expiresAt() : expiresAt,
                                    found.getT2(), keyId)
                                    .flatMap(issued -> keys.revoke(revoked.getKey(), old.version())
                                            .then(appendAll(revoked.getValue()))
                                            .thenReturn(issued));
                        }));
    }

    /** Revokes the key; revoking a revoked key changes nothing and is no error. */
    @Transactional
    Mono<Void> revoke(UUID agentId, UUID keyId) {
        return agents.manageable(agentId, false)
                .flatMap(agent -> keys.lock(agentId, keyId)
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("key", keyId)))
                        .flatMap(key -> {
                            var revoked = key.revoke(agent.name(), AgentKey.REVOKED, clock.instant());
                            if (revoked.getValue().isEmpty()) {
                                return Mono.<Void>empty();
                            }
                            return keys.revoke(revoked.getKey(), key.version()).then(appendAll(revoked.getValue()));
                        }));
    }

    private Mono<KeyViews.Issued> issue(AgentRef agent, List<String> scopes, Instant expiresAt, String by,
                                        UUID replaces) {
        return Mono.fromSupplier(() -> AgentKey.issue(agent, scopes, expiresAt, by, clock.instant(), random))
                .flatMap(issued -> keys.insert(issued.key())
                        .then(outbox.append(issued.event()))
                        .thenReturn(new KeyViews.Issued(issued.key().id(), agent.id(), issued.plaintext(),
                                issued.key().scopes(), issued.key().expiresAt(), issued.key().createdAt(), replaces)));
    }

    private Mono<Void> appendAll(List<? extends io.missioncontrol.contracts.DomainEvent> events) {
        return reactor.core.publisher.Flux.fromIterable(events).concatMap(outbox::append).then();
    }

    private static Mono<String> by() {
        return Caller.current().map(Caller::subject).defaultIfEmpty("system");
    }
}

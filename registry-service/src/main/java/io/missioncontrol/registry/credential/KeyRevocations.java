package io.missioncontrol.registry.credential;

import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.registry.agent.AgentRef;
import java.time.Clock;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Revokes every key of an agent, for its retirement. Call it inside the retirement's transaction: the keys stop
 * working (each with {@code mc.credential.revoked.v1}) exactly when the agent is retired, or neither happens.
 */
@Component
public class KeyRevocations {

    private final KeyStore keys;
    private final Outbox outbox;
    private final Clock clock;

    KeyRevocations(KeyStore keys, Outbox outbox, Clock clock) {
        this.keys = keys;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** @return how many keys were revoked */
    public Mono<Long> revokeAll(AgentRef agent, String reason) {
        return keys.lockUnrevoked(agent.id())
                .concatMap(key -> {
                    var revoked = key.revoke(agent.name(), reason, clock.instant());
                    return keys.revoke(revoked.getKey(), key.version())
                            .then(Mono.defer(() -> reactor.core.publisher.Flux.fromIterable(revoked.getValue())
                                    .concatMap(outbox::append).then()))
                            .thenReturn(1L);
                })
                .count();
    }
}

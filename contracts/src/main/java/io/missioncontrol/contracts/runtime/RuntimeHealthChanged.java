package io.missioncontrol.contracts.runtime;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * The scheduled health check found a runtime in another state: {@code from} and {@code to} are {@code unknown},
 * {@code healthy} or {@code unhealthy}; {@code lastError} says why a check failed (null when healthy). Subject: the
 * runtime id.
 */
public record RuntimeHealthChanged(UUID runtimeId, UUID organizationId, String name, String from, String to,
                                   String lastError,
                                   Instant checkedAt, long version) implements DomainEvent {

    public static final EventType<RuntimeHealthChanged> TYPE =
            new EventType<>("mc.runtime.health-changed.v1", Topics.RUNTIMES, "runtime", RuntimeHealthChanged.class);

    @Override
    public EventType<?> eventType() {
        return TYPE;
    }

    @Override
    public UUID subject() {
        return runtimeId;
    }

    @Override
    public UUID tenant() {
        return organizationId;
    }

    @Override
    public long aggregateVersion() {
        return version;
    }

    @Override
    public String summary() {
        return "Runtime \"" + name + "\" is " + to + (lastError == null ? "" : ": " + lastError);
    }
}

package io.missioncontrol.contracts.runtime;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;

import java.util.UUID;

/**
 * A runtime was removed from its organization; no work is dispatched to it any more. Subject: the runtime id.
 */
public record RuntimeRemoved(UUID runtimeId, UUID organizationId, String name, long version) implements DomainEvent {

    public static final EventType<RuntimeRemoved> TYPE =
            new EventType<>("mc.runtime.removed.v1", Topics.RUNTIMES, "runtime", RuntimeRemoved.class);

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
        return "Runtime \"" + name + "\" removed";
    }
}

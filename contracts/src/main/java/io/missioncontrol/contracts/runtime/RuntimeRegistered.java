package io.missioncontrol.contracts.runtime;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.List;
import java.util.UUID;

/**
 * A runtime (an OpenClaw gateway, where agents execute) was registered in an organization. Its auth token
 * never travels in an event. Published by registry-service. Subject: the runtime id; {@code version} is 0.
 */
public record RuntimeRegistered(UUID runtimeId, UUID organizationId, String name, String endpointUrl,
                                List<String> capabilities,
                                boolean hasToken, long version) implements DomainEvent {

    public static final EventType<RuntimeRegistered> TYPE =
            new EventType<>("mc.runtime.registered.v1", Topics.RUNTIMES, "runtime", RuntimeRegistered.class);

    public RuntimeRegistered {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }

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
        return "Runtime \"" + name + "\" registered";
    }
}

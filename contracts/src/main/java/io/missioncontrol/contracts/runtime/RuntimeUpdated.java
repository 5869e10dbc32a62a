package io.missioncontrol.contracts.runtime;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.Topics;
import java.util.List;
import java.util.UUID;

/**
 * A runtime's name, endpoint, capabilities or auth token changed; the data is the runtime as it is afterwards.
 * {@code tokenRotated} says the token was replaced (the token itself never travels). Subject: the runtime id.
 */
public record RuntimeUpdated(UUID runtimeId, UUID organizationId, String name, String endpointUrl,
                             List<String> capabilities,
                             boolean tokenRotated, long version) implements DomainEvent {

    public static final EventType<RuntimeUpdated> TYPE =
            new EventType<>("mc.runtime.updated.v1", Topics.RUNTIMES, "runtime", RuntimeUpdated.class);

    public RuntimeUpdated {
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
        return "Runtime \"" + name + "\" updated" + (tokenRotated ? " (token rotated)" : "");
    }
}

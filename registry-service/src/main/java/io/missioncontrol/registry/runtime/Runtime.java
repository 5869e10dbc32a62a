package io.missioncontrol.registry.runtime;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.runtime.RuntimeHealthChanged;
import io.missioncontrol.contracts.runtime.RuntimeRegistered;
import io.missioncontrol.contracts.runtime.RuntimeRemoved;
import io.missioncontrol.contracts.runtime.RuntimeUpdated;
import io.missioncontrol.registry.secrets.Sealed;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A runtime: where an organization's agents execute. Its transitions return the runtime as it is afterwards with the
 * event to append; {@code version} counts those events (health changes included). The token is held sealed only;
 * {@link #toString()} never shows it.
 */
public record Runtime(UUID id, UUID organizationId, String name, String endpointUrl, List<String> capabilities,
                      Sealed token, HealthStatus health, Instant lastCheckedAt, String lastError,
                      Instant createdAt, Instant updatedAt, long version) {

    public Runtime {
        capabilities = List.copyOf(capabilities);
    }

    /** A runtime and the event of the change that made it (null when nothing an outsider sees changed). */
    public record Change(Runtime runtime, DomainEvent event) {
    }

    /** What a sealed token is bound to: the organization and the runtime, so it opens nowhere else. */
    public static String associatedData(UUID organizationId, UUID runtimeId) {
        return "runtime-token:" + organizationId + ":" + runtimeId;
    }

    public String associatedData() {
        return associatedData(organizationId, id);
    }

    public boolean hasToken() {
        return token != null;
    }

    static Change register(UUID id, UUID organizationId, String name, String endpointUrl, List<String> capabilities,
                           Sealed token, Instant now) {
        Runtime runtime = new Runtime(id, organizationId, name, endpointUrl, capabilities, token, HealthStatus.UNKNOWN,
                null, null, now, now, 0);
        return new Change(runtime, new RuntimeRegistered(id, organizationId, name, endpointUrl, capabilities,
                token != null, 0));
    }

    /**
     * The runtime with new settings. A new endpoint makes the health unknown again: what was checked was another
     * address. {@code tokenChanged} is true when the token was replaced or removed.
     */
    Change update(String newName, String newEndpoint, List<String> newCapabilities, Sealed newToken,
                  boolean tokenChanged, Instant now) {
        boolean moved = !newEndpoint.equals(endpointUrl);
        Runtime next = new Runtime(id, organizationId, newName, newEndpoint, newCapabilities,
                tokenChanged ? newToken : token, moved ? HealthStatus.UNKNOWN : health,
                moved ? null : lastCheckedAt, moved ? null : lastError, createdAt, now, version + 1);
        return new Change(next, new RuntimeUpdated(id, organizationId, newName, newEndpoint, newCapabilities,
                tokenChanged, next.version()));
    }

    /** The token re-sealed under another key: not an event, nothing anyone outside sees changed. */
    Runtime resealed(Sealed resealed) {
        return new Runtime(id, organizationId, name, endpointUrl, capabilities, resealed, health, lastCheckedAt,
                lastError, createdAt, updatedAt, version);
    }

    RuntimeRemoved removed() {
        return new RuntimeRemoved(id, organizationId, name, version + 1);
    }

    /** The result of a health check; an event only when the status changed. */
    Change checked(HealthStatus status, String error, Instant at) {
        String lastErrorNow = status == HealthStatus.HEALTHY ? null : error;
        if (status == health) {
            return new Change(new Runtime(id, organizationId, name, endpointUrl, capabilities, token, health, at,
                    lastErrorNow, createdAt, updatedAt, version), null);
        }
        Runtime next = new Runtime(id, organizationId, name, endpointUrl, capabilities, token, status, at,
                lastErrorNow, createdAt, at, version + 1);
        return new Change(next, new RuntimeHealthChanged(id, organizationId, name, health.wire(), status.wire(),
                lastErrorNow, at, next.version()));
    }

    @Override
    public String toString() {
        return "Runtime[id=" + id + ", organizationId=" + organizationId + ", name=" + name + ", endpointUrl="
                + endpointUrl + ", capabilities=" + capabilities + ", hasToken=" + hasToken() + ", health=" + health
                + ", version=" + version + "]";
    }
}

package io.missioncontrol.registry.runtime;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A runtime as the API shows it: the token only as {@code has_token}, never its value, sealed or not. The endpoint
 * is answered under both its names, {@code endpoint_url} and {@code endpoint} (the Mission Control API's), on every
 * path: a client reads the one it knows.
 */
record RuntimeView(UUID id, UUID organizationId, String name, String endpointUrl, String endpoint,
                   List<String> capabilities,
                   boolean hasToken, Health health, Instant createdAt, Instant updatedAt, long version) {

    record Health(HealthStatus status, Instant lastCheckedAt, String lastError) {
    }

    static RuntimeView of(Runtime runtime) {
        return new RuntimeView(runtime.id(), runtime.organizationId(), runtime.name(), runtime.endpointUrl(),
                runtime.endpointUrl(), runtime.capabilities(), runtime.hasToken(),
                new Health(runtime.health(), runtime.lastCheckedAt(), runtime.lastError()),
                runtime.createdAt(), runtime.updatedAt(), runtime.version());
    }
}

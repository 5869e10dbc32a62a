package io.missioncontrol.gateway.routing;

import java.net.URI;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where each service answers; {@code gateway-service.yml} maps them to environment variables with local defaults. */
@ConfigurationProperties("mc.gateway.services")
record ServiceUrls(URI registry, URI task, URI approval, URI telemetry) {

    ServiceUrls {
        Objects.requireNonNull(registry, "mc.gateway.services.registry (REGISTRY_SERVICE_URL) is not set");
        Objects.requireNonNull(task, "mc.gateway.services.task (TASK_SERVICE_URL) is not set");
        Objects.requireNonNull(approval, "mc.gateway.services.approval (APPROVAL_SERVICE_URL) is not set");
        Objects.requireNonNull(telemetry, "mc.gateway.services.telemetry (TELEMETRY_SERVICE_URL) is not set");
    }
}

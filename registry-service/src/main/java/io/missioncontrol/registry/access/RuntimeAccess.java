package io.missioncontrol.registry.access;

import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.tenancy.Role;
import io.missioncontrol.platform.tenancy.TenantAccess;
import io.missioncontrol.platform.web.ApiException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may see and manage an organization's runtimes and executions, by organization role ({@link TenantAccess}):
 * reading takes {@code viewer}, managing takes {@code admin}. Outsiders get 404, a too-small role 403. Agents read in
 * their own organization but never manage runtimes, whatever their scopes: a runtime's token opens where agents run.
 */
@Component
public class RuntimeAccess {

    private final TenantAccess tenants;

    RuntimeAccess(TenantAccess tenants) {
        this.tenants = tenants;
    }

    /** The caller, when they may read the organization's runtimes and executions; else a 404 for the resource. */
    public Mono<Caller> requireRead(UUID organizationId, String resourceType, Object resourceId) {
        return tenants.requireRole(organizationId, Role.VIEWER, resourceType, resourceId);
    }

    /**
     * The caller, when they may run the organization's tasks on its runtimes: a member, as for running a task through
     * task-service, or an agent with {@code tasks:write} (which of its tasks, the caller checks).
     */
    public Mono<Caller> requireExecute(UUID organizationId, String resourceType, Object resourceId) {
        return tenants.requireRole(organizationId, Role.MEMBER, resourceType, resourceId);
    }

    /** The caller, when they may register, change and remove the organization's runtimes. */
    public Mono<Caller> requireManage(UUID organizationId, String resourceType, Object resourceId) {
        return tenants.requireRead(organizationId, resourceType, resourceId)
                .flatMap(caller -> caller.kind() == Caller.Kind.AGENT
                        ? Mono.error(new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Agents may not manage runtimes"))
                        : tenants.requireRole(organizationId, Role.ADMIN, resourceType, resourceId));
    }
}

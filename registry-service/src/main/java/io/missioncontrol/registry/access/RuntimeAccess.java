package io.missioncontrol.registry.access;

import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.ApiException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may see and manage an organization's runtimes and executions: reading takes the viewer role, managing takes
 * admin. Agents never manage runtimes, whatever their scopes: a runtime's token is the key to where agents execute.
 *
 * <p>INTERIM: until the platform's organization-role check lands, only the admin token passes, an agent reads in its
 * own organization, and everyone else gets 404.
 */
@Component
public class RuntimeAccess {

    /** The caller, when they may read the organization's runtimes and executions; else a 404 for the resource. */
    public Mono<Caller> requireRead(UUID organizationId, String resourceType, Object resourceId) {
        return Caller.current()
                .filter(caller -> caller.isAdmin()
                        || (caller.kind() == Caller.Kind.AGENT && organizationId.equals(caller.organizationId())))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(resourceType, resourceId)));
    }

    /** The caller, when they may register, change and remove the organization's runtimes. */
    public Mono<Caller> requireManage(UUID organizationId, String resourceType, Object resourceId) {
        return requireRead(organizationId, resourceType, resourceId)
                .flatMap(caller -> caller.kind() == Caller.Kind.AGENT
                        ? Mono.error(new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                                "Agents may not manage runtimes"))
                        : Mono.just(caller));
    }
}

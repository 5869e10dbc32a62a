package io.missioncontrol.task.access;

import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.ApiException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Decides what the caller may see and change. The admin token is a super-admin over every organization; an
 * agent reads only the organization its key is fixed to. (Human memberships and roles come with the work
 * orchestration issue.) A caller who may not see an organization gets 404 for its objects, never 403: the
 * answer must not tell whether the object exists.
 */
@Component
public class TenantAccess {

    /** The caller, when they may read the organization's objects; otherwise a 404 for the named resource. */
    public Mono<Caller> requireRead(UUID organizationId, String resourceType, Object resourceId) {
        return Caller.current()
                .filter(caller -> caller.isAdmin() || organizationId.equals(caller.organizationId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(resourceType, resourceId)));
    }

    /** The caller, when they may change the organization's objects; otherwise a 404 for the named resource. */
    public Mono<Caller> requireWrite(UUID organizationId, String resourceType, Object resourceId) {
        return Caller.current()
                .filter(Caller::isAdmin)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(resourceType, resourceId)));
    }

    /** Creating a tenant is an administrator's act. */
    public Mono<Caller> requireAdmin() {
        return Caller.current()
                .filter(Caller::isAdmin)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                        "Only an administrator may do this")));
    }

    /** The one organization a non-admin caller is fixed to, or empty for an admin (who sees all). */
    public Mono<java.util.Optional<UUID>> organizationScope() {
        return Caller.current().map(caller -> caller.isAdmin()
                ? java.util.Optional.empty()
                : java.util.Optional.ofNullable(caller.organizationId()).or(() -> java.util.Optional.of(NOWHERE)));
    }

    /** An organization id no row has: a caller fixed to no organization sees nothing. */
    private static final UUID NOWHERE = new UUID(0, 0);
}

package io.missioncontrol.platform.security;

import io.missioncontrol.platform.web.ApiException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import reactor.core.publisher.Mono;

/**
 * Who is calling, as the gateway vouched for it in the internal token it signed.
 *
 * @param kind           what kind of principal
 * @param subject        the principal's stable id (user subject, {@code admin}, or the agent id)
 * @param organizationId the organization the principal is fixed to (agents), or null when not fixed
 * @param scopes         what an agent key may do; empty for humans, whose rights come from memberships
 * @param email          a human's e-mail address as the identity provider vouched for it (lower case), or null;
 *                       memberships granted to an address before its user first signed in are found by it
 */
public record Caller(Kind kind, String subject, UUID organizationId, Set<String> scopes, String email) {

    public enum Kind {
        /** The local admin token: a super-admin over every organization. */
        ADMIN,
        /** A human user authenticated by OIDC. */
        USER,
        /** An agent authenticated by its API key. */
        AGENT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Caller {
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        email = email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /** A caller without an e-mail address: the admin, an agent, or a user whose token named none. */
    public Caller(Kind kind, String subject, UUID organizationId, Set<String> scopes) {
        this(kind, subject, organizationId, scopes, null);
    }

    public boolean isAdmin() {
        return kind == Kind.ADMIN;
    }

    /** Whether the caller may do what needs the scope: an agent when its key has it; people and the admin always. */
    public boolean hasScope(String scope) {
        return kind != Kind.AGENT || scopes.contains(scope);
    }

    /**
     * The caller, when {@link #hasScope its key has the scope}; else a 403 {@code insufficient_scope}. A 403, not a
     * 404: an agent knows what exists in its own organization, only its key is too narrow.
     */
    public Caller requireScope(String scope) {
        if (!hasScope(scope)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "insufficient_scope",
                    "This needs an agent key with the scope " + scope, Map.of("required_scope", scope));
        }
        return this;
    }

    /** The caller of the request being served; empty outside a request (listeners, scheduled jobs). */
    public static Mono<Caller> current() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication())
                .mapNotNull(authentication -> authentication.getPrincipal())
                .ofType(Caller.class);
    }
}

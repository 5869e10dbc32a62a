package io.missioncontrol.gateway.auth;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling, as the gateway established it. The internal token carries exactly this to the services.
 *
 * @param kind           how the caller authenticated
 * @param subject        the caller's stable id: {@code admin}, the OIDC subject, or the agent id
 * @param organizationId the organization the caller is fixed to (agents), null when not fixed
 * @param scopes         what an agent key may do; empty for people, whose rights come from memberships
 * @param agentId        the agent behind an agent key, null for people
 * @param email          a person's e-mail address as the identity provider vouched for it (lower case), or null
 */
public record GatewayCaller(Kind kind, String subject, @Nullable UUID organizationId, Set<String> scopes,
        @Nullable UUID agentId, @Nullable String email) {

    public enum Kind {
        ADMIN, USER, AGENT;

        /** The value of the internal token's {@code kind} claim. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public GatewayCaller {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        scopes = Set.copyOf(scopes);
        email = email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /** A caller without an e-mail address (the admin, an agent). */
    public GatewayCaller(Kind kind, String subject, @Nullable UUID organizationId, Set<String> scopes,
            @Nullable UUID agentId) {
        this(kind, subject, organizationId, scopes, agentId, null);
    }

    static GatewayCaller admin() {
        return new GatewayCaller(Kind.ADMIN, "admin", null, Set.of(), null, null);
    }

    /** A person signed in through the identity provider; their rights come from memberships, not from the token. */
    static GatewayCaller user(String subject, @Nullable String email) {
        return new GatewayCaller(Kind.USER, subject, null, Set.of(), null, email);
    }
}

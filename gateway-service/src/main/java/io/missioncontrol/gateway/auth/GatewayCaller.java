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
 */
public record GatewayCaller(Kind kind, String subject, @Nullable UUID organizationId, Set<String> scopes,
        @Nullable UUID agentId) {

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
    }

    static GatewayCaller admin() {
        return new GatewayCaller(Kind.ADMIN, "admin", null, Set.of(), null);
    }
}

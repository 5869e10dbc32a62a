package io.missioncontrol.telemetry.reading;

import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.tenancy.Role;
import io.missioncontrol.platform.tenancy.TenantAccess;
import io.missioncontrol.platform.web.ApiException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may read which telemetry. An agent belongs to the organization telemetry saw its heartbeats in
 * ({@code agent_presence}); an agent id unknown here, or known in an organization the caller has no place in, is a 404.
 * People need {@code viewer} to read and {@code admin} to manage budgets. Agent keys read no telemetry at all: there is
 * no read scope for it, and costs and other agents' errors are the operators' business (403 {@code forbidden}, after
 * the 404 for another organization).
 */
@Component
public class TelemetryAccess {

    private final TenantAccess tenants;
    private final DatabaseClient db;

    TelemetryAccess(TenantAccess tenants, DatabaseClient db) {
        this.tenants = tenants;
        this.db = db;
    }

    /** What a read covers: one agent, or (agentId null) the whole organization. */
    public record Scope(UUID organizationId, UUID agentId) {

        public boolean isAgent() {
            return agentId != null;
        }
    }

    /** The scope named by {@code organization_id} and/or {@code agent_id}, when the caller may read it. */
    public Mono<Scope> read(UUID organizationId, UUID agentId) {
        return scope(organizationId, agentId, Role.VIEWER);
    }

    /**
     * The scope named by {@code organization_id} and/or {@code agent_id}, when the caller has at least {@code minimum}
     * there. Both given: the agent must belong to that organization (else 404).
     */
    public Mono<Scope> scope(UUID organizationId, UUID agentId, Role minimum) {
        if (organizationId == null && agentId == null) {
            return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "missing_parameter",
                    "Name an organization_id or an agent_id",
                    Map.of("errors", java.util.List.of(Map.of("field", "organization_id",
                            "message", "organization_id or agent_id is required")))));
        }
        if (agentId == null) {
            return check(organizationId, minimum, "organization", organizationId)
                    .thenReturn(new Scope(organizationId, null));
        }
        return organizationOf(agentId)
                .filter(organization -> organizationId == null || organizationId.equals(organization))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("agent", agentId)))
                .flatMap(organization -> check(organization, minimum, "agent", agentId)
                        .thenReturn(new Scope(organization, agentId)));
    }

    /** The organization telemetry saw the agent in; empty for an agent that never sent a heartbeat. */
    public Mono<UUID> organizationOf(UUID agentId) {
        return db.sql("SELECT organization_id FROM agent_presence WHERE agent_id = :agentId")
                .bind("agentId", agentId)
                .map(row -> row.get("organization_id", UUID.class))
                .one();
    }

    private Mono<Caller> check(UUID organizationId, Role minimum, String resourceType, Object resourceId) {
        return tenants.access(organizationId, resourceType, resourceId)
                .flatMap(access -> {
                    if (access.caller().kind() == Caller.Kind.AGENT) {
                        return Mono.error(new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                                "Agent keys do not read telemetry; the organization's people do"));
                    }
                    if (!access.role().atLeast(minimum)) {
                        return Mono.error(new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                                "This needs the role " + minimum.wire() + " or higher in the organization; yours is "
                                        + access.role().wire(),
                                Map.of("role", access.role().wire(), "required_role", minimum.wire())));
                    }
                    return Mono.just(access.caller());
                });
    }
}

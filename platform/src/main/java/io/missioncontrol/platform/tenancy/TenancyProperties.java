package io.missioncontrol.platform.tenancy;

import io.missioncontrol.contracts.credential.AgentScopes;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The scopes an agent's key needs for the service's reads and writes ({@code mc.tenancy.*}); tasks by default, e.g.
 * {@code telemetry:write} for telemetry-service's writes.
 */
@ConfigurationProperties("mc.tenancy")
public record TenancyProperties(String agentReadScope, String agentWriteScope) {

    public TenancyProperties {
        agentReadScope = agentReadScope == null || agentReadScope.isBlank() ? AgentScopes.TASKS_READ : agentReadScope;
        agentWriteScope = agentWriteScope == null || agentWriteScope.isBlank() ? AgentScopes.TASKS_WRITE : agentWriteScope;
    }
}

package io.missioncontrol.task.agents;

import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.task.organization.OrganizationService;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * Who a task of an organization may be assigned to: an agent the registry has announced in that same organization,
 * and that is not retired. Provisioning and paused agents may be given work: they are expected to pick it up later,
 * and refusing them would make people wait for a status flip to plan.
 */
final class AssignmentRule {

    static final String FIELD = "assigned_agent_id";

    /**
     * Refuses the assignment, or returns quietly.
     *
     * @param known the agent as task-service knows it, or null when it has never heard of it
     * @throws ApiException 422 {@code unknown_reference} for an agent unknown or of another organization (the two
     *                      look the same, so an answer never tells that another tenant's agent exists), 409
     *                      {@code agent_retired} for a retired one
     */
    static void check(UUID organizationId, UUID agentId, KnownAgent known) {
        if (known == null || !known.organizationId().equals(organizationId)) {
            throw OrganizationService.unknownReference(FIELD, "agent", agentId);
        }
        if (known.retired()) {
            throw new ApiException(HttpStatus.CONFLICT, "agent_retired",
                    "Agent " + agentId + " (\"" + known.name() + "\") is retired and cannot be assigned work",
                    Map.of("agent_id", agentId.toString()));
        }
    }

    private AssignmentRule() {
    }
}

package io.missioncontrol.task.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.contracts.agent.AgentRegistered;
import io.missioncontrol.contracts.agent.AgentRetired;
import io.missioncontrol.contracts.agent.AgentStatusChanged;
import io.missioncontrol.contracts.agent.AgentUpdated;
import io.missioncontrol.contracts.organization.OrganizationCreated;
import io.missioncontrol.platform.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

class AssignmentRuleTest {

    private static final UUID ORGANIZATION = UUID.fromString("0e9d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b");
    private static final UUID OTHER_ORGANIZATION = UUID.fromString("1e9d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b");
    private static final UUID AGENT = UUID.fromString("3f1c2b9a-8d7e-4c6b-9a5f-2e1d0c9b8a7f");

    @ParameterizedTest
    @ValueSource(strings = {"provisioning", "active", "paused"})
    void anAgentOfTheOrganizationThatIsNotRetiredMayBeAssigned(String status) {
        assertThatCode(() -> AssignmentRule.check(ORGANIZATION, AGENT, agent(ORGANIZATION, status)))
                .doesNotThrowAnyException();
    }

    @Test
    void anUnknownAgentIsAnUnknownReference() {
        assertThatThrownBy(() -> AssignmentRule.check(ORGANIZATION, AGENT, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertUnknownReference(e));
    }

    @Test
    void anotherOrganizationsAgentLooksUnknown() {
        assertThatThrownBy(() -> AssignmentRule.check(ORGANIZATION, AGENT, agent(OTHER_ORGANIZATION, "active")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertUnknownReference(e));
    }

    @Test
    void aRetiredAgentIsAConflict() {
        assertThatThrownBy(() -> AssignmentRule.check(ORGANIZATION, AGENT, agent(ORGANIZATION, "retired")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.code()).isEqualTo("agent_retired");
                });
    }

    @Test
    void aRetiredAgentOfAnotherOrganizationStillLooksUnknown() {
        assertThatThrownBy(() -> AssignmentRule.check(ORGANIZATION, AGENT, agent(OTHER_ORGANIZATION, "retired")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("unknown_reference"));
    }

    @Test
    void everyAgentEventSaysWhatTheAgentIsAfterwards() {
        assertThat(KnownAgent.from(new AgentRegistered(AGENT, ORGANIZATION, "welder", List.of("weld"), "provisioning", 0)))
                .contains(new KnownAgent(AGENT, ORGANIZATION, "welder", "provisioning", 0, List.of("weld")));
        assertThat(KnownAgent.from(new AgentUpdated(AGENT, ORGANIZATION, "welder-2", List.of(), "active", 1)))
                .contains(new KnownAgent(AGENT, ORGANIZATION, "welder-2", "active", 1, List.of()));
        assertThat(KnownAgent.from(new AgentStatusChanged(AGENT, ORGANIZATION, "welder-2", "active", "paused", 2)))
                .contains(new KnownAgent(AGENT, ORGANIZATION, "welder-2", "paused", 2, null));
        assertThat(KnownAgent.from(new AgentRetired(AGENT, ORGANIZATION, "welder-2", 3)))
                .hasValueSatisfying(known -> assertThat(known.retired()).isTrue());
        assertThat(KnownAgent.from(new OrganizationCreated(ORGANIZATION, "Acme", null, 0))).isEmpty();
    }

    private static KnownAgent agent(UUID organization, String status) {
        return new KnownAgent(AGENT, organization, "welder", status, 1, List.of());
    }

    @SuppressWarnings("unchecked")
    private static void assertUnknownReference(ApiException e) {
        assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(e.code()).isEqualTo("unknown_reference");
        assertThat((List<Map<String, String>>) e.properties().get("errors"))
                .extracting(error -> error.get("field")).containsExactly("assigned_agent_id");
    }
}

package io.missioncontrol.registry.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.contracts.agent.AgentRegistered;
import io.missioncontrol.contracts.agent.AgentRetired;
import io.missioncontrol.contracts.agent.AgentStatusChanged;
import io.missioncontrol.contracts.agent.AgentUpdated;
import io.missioncontrol.platform.web.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AgentTest {

    private static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z");
    private static final UUID ORG = UUID.randomUUID();

    @Test
    void registersInProvisioningAtVersionZero() {
        Agent.Change change = Agent.register(ORG, fields(), "admin", NOW);

        assertThat(change.agent().state()).isEqualTo(AgentStatus.PROVISIONING);
        assertThat(change.agent().version()).isZero();
        assertThat(change.events()).singleElement().isInstanceOfSatisfying(AgentRegistered.class, event -> {
            assertThat(event.status()).isEqualTo("provisioning");
            assertThat(event.capabilities()).containsExactly("weld", "inspect");
            assertThat(event.version()).isZero();
        });
    }

    @Test
    void walksTheLifecycleWithOneEventAndOneVersionPerStep() {
        Agent agent = Agent.register(ORG, fields(), "admin", NOW).agent();

        Agent.Change active = agent.perform(AgentAction.ACTIVATE, "admin", NOW);
        Agent.Change paused = active.agent().perform(AgentAction.PAUSE, "admin", NOW);
        Agent.Change resumed = paused.agent().perform(AgentAction.RESUME, "admin", NOW);
        Agent.Change retired = resumed.agent().retire(List.of(), "admin", NOW);

        assertThat(List.of(active, paused, resumed)).extracting(change -> {
            AgentStatusChanged event = (AgentStatusChanged) change.events().get(0);
            return event.from() + "->" + event.to() + " v" + event.version();
        }).containsExactly("provisioning->active v1", "active->paused v2", "paused->active v3");
        assertThat(retired.agent().state()).isEqualTo(AgentStatus.RETIRED);
        assertThat(retired.events()).singleElement().isInstanceOfSatisfying(AgentRetired.class,
                event -> assertThat(event.version()).isEqualTo(4));
    }

    @Test
    void refusesActionsThatDoNotStartWhereTheAgentIs() {
        Agent provisioning = Agent.register(ORG, fields(), "admin", NOW).agent();
        Agent active = provisioning.perform(AgentAction.ACTIVATE, "admin", NOW).agent();

        assertRefused(() -> provisioning.perform(AgentAction.PAUSE, "admin", NOW), "illegal_transition");
        assertRefused(() -> provisioning.perform(AgentAction.RESUME, "admin", NOW), "illegal_transition");
        assertRefused(() -> active.perform(AgentAction.ACTIVATE, "admin", NOW), "illegal_transition");
        assertRefused(() -> active.perform(AgentAction.RESUME, "admin", NOW), "illegal_transition");
        assertThatThrownBy(() -> active.perform(AgentAction.RESUME, "admin", NOW))
                .isInstanceOfSatisfying(ApiException.class, refusal -> assertThat(refusal.properties())
                        .containsEntry("from", "active")
                        .containsEntry("allowed_actions", List.of("pause", "retire")));
    }

    @Test
    void aRetiredAgentIsFinal() {
        Agent retired = Agent.register(ORG, fields(), "admin", NOW).agent().retire(List.of(), "admin", NOW).agent();

        assertRefused(() -> retired.perform(AgentAction.ACTIVATE, "admin", NOW), "agent_retired");
        assertRefused(() -> retired.retire(List.of(), "admin", NOW), "agent_retired");
        assertRefused(() -> retired.edit(patch("{\"name\": \"again\"}"), "admin", NOW), "agent_retired");
    }

    @Test
    void retiringNamesTheOpenTasksInItsEvent() {
        UUID task = UUID.randomUUID();
        Agent agent = Agent.register(ORG, fields(), "admin", NOW).agent();

        AgentRetired event = (AgentRetired) agent.retire(List.of(task), "admin", NOW).events().get(0);

        assertThat(event.openTaskIds()).containsExactly(task);
        assertThat(event.summary()).contains("1 open task");
    }

    @Test
    void anEditIsOneUpdatedEventAndNoChangeIsNone() {
        Agent agent = Agent.register(ORG, fields(), "admin", NOW).agent();

        Agent.Change edited = agent.edit(patch("{\"name\": \"welder-2\", \"capabilities\": [\"weld\"]}"), "ops", NOW);
        Agent.Change same = agent.edit(patch("{\"name\": \"welder\"}"), "ops", NOW);

        assertThat(edited.events()).singleElement().isInstanceOfSatisfying(AgentUpdated.class, event -> {
            assertThat(event.name()).isEqualTo("welder-2");
            assertThat(event.capabilities()).containsExactly("weld");
            assertThat(event.version()).isEqualTo(1);
        });
        assertThat(same.isEmpty()).isTrue();
        assertThat(same.agent().version()).isZero();
    }

    @Test
    void theStatusMachineHasNoWayBackFromRetired() {
        assertThat(AgentStatus.RETIRED.allowedTargets()).isEmpty();
        assertThat(AgentStatus.PROVISIONING.allowedTargets()).containsExactlyInAnyOrder(AgentStatus.ACTIVE,
                AgentStatus.RETIRED);
        assertThat(AgentStatus.ACTIVE.allowedTargets()).containsExactlyInAnyOrder(AgentStatus.PAUSED,
                AgentStatus.RETIRED);
        assertThat(AgentStatus.PAUSED.allowedTargets()).containsExactlyInAnyOrder(AgentStatus.ACTIVE,
                AgentStatus.RETIRED);
    }

    private static AgentFields fields() {
        return new AgentFields(ORG, "welder", "Welds", List.of("weld", "inspect"), "{\"model\":\"m\"}", null, null);
    }

    private static AgentPatch patch(String json) {
        return AgentPatch.parse(JsonMapper.builder().build().readTree(json));
    }

    private static void assertRefused(Runnable action, String code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ApiException.class,
                refusal -> assertThat(refusal.code()).isEqualTo(code));
    }
}

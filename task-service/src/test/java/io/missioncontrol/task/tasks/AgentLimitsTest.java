package io.missioncontrol.task.tasks;

import static io.missioncontrol.task.tasks.Tasks.NOW;
import static io.missioncontrol.task.tasks.Tasks.inStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.task.tasks.TaskPatch.Field;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class AgentLimitsTest {

    private static final UUID AGENT = UUID.fromString("3f1c2b9a-8d7e-4c6b-9a5f-2e1d0c9b8a7f");
    private static final Caller AGENT_CALLER = new Caller(Caller.Kind.AGENT, AGENT.toString(), Tasks.ORGANIZATION, Set.of());
    private static final Caller PERSON = new Caller(Caller.Kind.USER, "user-1", null, Set.of());
    private static final Caller ADMIN = new Caller(Caller.Kind.ADMIN, "admin", null, Set.of());

    @Test
    void anAgentMovesItsOwnTask() {
        Task own = assignedTo(AGENT);
        Task.Change change = own.edit(patch(new Field<>(TaskStatus.IN_PROGRESS), null, null), List.of(), AGENT.toString(), NOW);

        assertThatCode(() -> {
            AgentLimits.checkOwn(AGENT_CALLER, own);
            AgentLimits.checkStatusOnly(AGENT_CALLER, change);
        }).doesNotThrowAnyException();
    }

    @Test
    void anAgentMayEchoFieldsAtTheirCurrentValues() {
        Task own = assignedTo(AGENT);
        Task.Change change = own.edit(patch(new Field<>(TaskStatus.IN_PROGRESS), new Field<>("Ship it"),
                new Field<>(AGENT)), List.of(), AGENT.toString(), NOW);

        assertThatCode(() -> AgentLimits.checkStatusOnly(AGENT_CALLER, change)).doesNotThrowAnyException();
    }

    @Test
    void anAgentMayNotTouchATaskAssignedToAnotherAgentOrToNoOne() {
        assertForbidden(() -> AgentLimits.checkOwn(AGENT_CALLER, assignedTo(UUID.randomUUID())));
        assertForbidden(() -> AgentLimits.checkOwn(AGENT_CALLER, inStatus(TaskStatus.TODO)));
    }

    @Test
    void anAgentMayNotRenameOrReassignItsOwnTask() {
        Task own = assignedTo(AGENT);
        Task.Change renamed = own.edit(patch(null, new Field<>("Something else"), null), List.of(), "a", NOW);
        Task.Change handedOn = own.edit(patch(null, null, new Field<>(UUID.randomUUID())), List.of(), "a", NOW);
        Task.Change unassigned = own.edit(patch(null, null, new Field<>(null)), List.of(), "a", NOW);

        assertForbidden(() -> AgentLimits.checkStatusOnly(AGENT_CALLER, renamed));
        assertForbidden(() -> AgentLimits.checkStatusOnly(AGENT_CALLER, handedOn));
        assertForbidden(() -> AgentLimits.checkStatusOnly(AGENT_CALLER, unassigned));
    }

    @Test
    void anAgentMayNotCreateDeleteOrRewireTasks() {
        assertForbidden(() -> AgentLimits.checkCreate(AGENT_CALLER));
        assertForbidden(() -> AgentLimits.checkPlanning(AGENT_CALLER, "delete tasks"));
    }

    @Test
    void peopleAndTheAdminAreNotLimitedHere() {
        Task other = assignedTo(UUID.randomUUID());
        Task.Change renamed = other.edit(patch(null, new Field<>("Renamed"), null), List.of(), "user-1", NOW);
        for (Caller caller : List.of(PERSON, ADMIN)) {
            assertThatCode(() -> {
                AgentLimits.checkCreate(caller);
                AgentLimits.checkPlanning(caller, "delete tasks");
                AgentLimits.checkOwn(caller, other);
                AgentLimits.checkStatusOnly(caller, renamed);
            }).doesNotThrowAnyException();
        }
    }

    private static Task assignedTo(UUID agent) {
        Task task = inStatus(TaskStatus.TODO);
        return task.assign(agent, "admin", NOW).task();
    }

    private static TaskPatch patch(Field<TaskStatus> status, Field<String> title, Field<UUID> agent) {
        return new TaskPatch(title, null, status, null, agent, null);
    }

    private static void assertForbidden(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(e.code()).isEqualTo("forbidden");
        });
    }
}

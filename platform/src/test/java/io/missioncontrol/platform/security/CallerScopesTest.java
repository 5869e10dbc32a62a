package io.missioncontrol.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.contracts.credential.AgentScopes;
import io.missioncontrol.platform.web.ApiException;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallerScopesTest {

    private static final UUID ORGANIZATION = UUID.randomUUID();

    @Test
    void anAgentHasOnlyTheScopesOfItsKey() {
        Caller agent = new Caller(Caller.Kind.AGENT, UUID.randomUUID().toString(), ORGANIZATION,
                Set.of(AgentScopes.TASKS_READ));

        assertThat(agent.hasScope(AgentScopes.TASKS_READ)).isTrue();
        assertThat(agent.hasScope(AgentScopes.TASKS_WRITE)).isFalse();
        assertThat(agent.requireScope(AgentScopes.TASKS_READ)).isSameAs(agent);
    }

    @Test
    void refusesAnAgentLackingTheScopeWith403InsufficientScope() {
        Caller agent = new Caller(Caller.Kind.AGENT, UUID.randomUUID().toString(), ORGANIZATION, Set.of());

        assertThatThrownBy(() -> agent.requireScope(AgentScopes.TASKS_WRITE))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("insufficient_scope");
                    assertThat(e.properties()).containsEntry("required_scope", AgentScopes.TASKS_WRITE);
                });
    }

    @Test
    void peopleAndTheAdminAreGovernedByRolesNotScopes() {
        Caller person = new Caller(Caller.Kind.USER, "ada", null, Set.of(), "ada@example.com");
        Caller admin = new Caller(Caller.Kind.ADMIN, "admin", null, Set.of());

        assertThat(person.requireScope(AgentScopes.TASKS_WRITE)).isSameAs(person);
        assertThat(admin.requireScope(AgentScopes.APPROVALS_REQUEST)).isSameAs(admin);
    }
}

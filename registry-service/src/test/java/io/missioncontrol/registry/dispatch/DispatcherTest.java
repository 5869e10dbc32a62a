package io.missioncontrol.registry.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.registry.runtime.Runtime;
import io.missioncontrol.registry.secrets.Sealed;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DispatcherTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Runtime a = runtime("a");
    private final Runtime b = runtime("b");
    private final Runtime c = runtime("c");

    @Test
    void putsTheAgentsOwnRuntimeFirstAndKeepsTheOthersInTurn() {
        assertThat(Dispatcher.ownFirst(List.of(a, b, c), c.id())).containsExactly(c, a, b);
        assertThat(Dispatcher.ownFirst(List.of(a, b, c), null)).containsExactly(a, b, c);
        assertThat(Dispatcher.ownFirst(List.of(a, b), c.id())).containsExactly(a, b);
    }

    @Test
    void passesParametersOnAsGiven() {
        Execution execution = Execution.onRuntime(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null,
                UUID.randomUUID(), "t", List.of(), a.id(), "{\"depth\":3,\"nested\":{\"x\":[1,2]}}", Instant.EPOCH);
        assertThat(JSON.writeValueAsString(Dispatcher.body(execution)))
                .contains("\"parameters\":{\"depth\":3,\"nested\":{\"x\":[1,2]}}");
        assertThat(execution.request().agentId()).isEqualTo(execution.agentId());
        assertThat(execution.request().version()).isEqualTo(1);
    }

    @Test
    void readsAnExecuteRequest() {
        UUID task = UUID.randomUUID();
        var request = RuntimeExecutionController.ExecuteRequest.parse(JSON.readTree(
                "{\"task_id\": \"" + task + "\", \"parameters\": {\"a\": 1}}"));
        assertThat(request.taskId()).isEqualTo(task);
        assertThat(request.parameters()).isEqualTo("{\"a\":1}");
        assertThat(RuntimeExecutionController.ExecuteRequest.parse(JSON.readTree("{\"task_id\": \"" + task + "\"}"))
                .parameters()).isNull();
    }

    @Test
    void refusesMalformedExecuteRequests() {
        assertCode("{}", "validation_failed");
        assertCode("{\"task_id\": 7}", "invalid_field");
        assertCode("{\"task_id\": \"" + UUID.randomUUID() + "\", \"parameters\": \"x\"}", "invalid_field");
        assertCode("[]", "malformed_json");
        String big = "x".repeat(Dispatcher.PARAMETERS_MAX);
        assertCode("{\"task_id\": \"" + UUID.randomUUID() + "\", \"parameters\": {\"a\": \"" + big + "\"}}",
                "validation_failed");
    }

    private static void assertCode(String body, String code) {
        assertThatThrownBy(() -> RuntimeExecutionController.ExecuteRequest.parse(JSON.readTree(body)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static Runtime runtime(String name) {
        return new Runtime(UUID.randomUUID(), UUID.randomUUID(), name, "https://" + name + ".example.com", List.of(),
                (Sealed) null, null, null, null, Instant.EPOCH, Instant.EPOCH, 0);
    }
}

package io.missioncontrol.task.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.task.tasks.TaskPatch.Field;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TaskPatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void tellsAbsentFromNull() {
        TaskPatch patch = parse("{\"description\": null, \"assigned_agent_id\": null, \"due_date\": null}");

        assertThat(patch.title()).as("absent").isNull();
        assertThat(patch.status()).isNull();
        assertThat(patch.priority()).isNull();
        assertThat(patch.description()).isEqualTo(new Field<>(null));
        assertThat(patch.assignedAgentId()).isEqualTo(new Field<>(null));
        assertThat(patch.dueDate()).isEqualTo(new Field<>(null));
    }

    @Test
    void readsEveryField() {
        UUID agent = UUID.randomUUID();
        TaskPatch patch = parse("{\"title\": \"  Ship  \", \"description\": \"d\", \"status\": \"in_progress\","
                + " \"priority\": \"critical\", \"assigned_agent_id\": \"" + agent + "\","
                + " \"due_date\": \"2026-12-01T18:00:00.123456789+01:00\", \"id\": \"ignored\"}");

        assertThat(patch).isEqualTo(new TaskPatch(new Field<>("Ship"), new Field<>("d"),
                new Field<>(TaskStatus.IN_PROGRESS), new Field<>(TaskPriority.CRITICAL), new Field<>(agent),
                new Field<>(Instant.parse("2026-12-01T17:00:00.123456Z"))));
        assertThat(parse("{}").isEmpty()).isTrue();
    }

    @Test
    void aValueOfTheWrongTypeIsABadRequestNamingEveryField() {
        assertThatThrownBy(() -> parse("{\"title\": 7, \"status\": \"someday\", \"priority\": \"HIGH\","
                + " \"assigned_agent_id\": \"nobody\", \"due_date\": \"tomorrow\", \"description\": false}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_field");
                    assertThat(fields(e)).containsExactly("title", "description", "status", "priority",
                            "assigned_agent_id", "due_date");
                });
    }

    @Test
    void aBrokenRuleIsUnprocessable() {
        assertThatThrownBy(() -> parse("{\"title\": \" \", \"status\": null, \"priority\": null,"
                + " \"description\": \"" + "x".repeat(TaskPatch.DESCRIPTION_MAX + 1) + "\", \"dependencies\": []}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("validation_failed");
                    assertThat(fields(e)).containsExactly("title", "description", "status", "priority",
                            "dependencies");
                });
        assertThatThrownBy(() -> parse("{\"title\": null}")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("validation_failed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null", "42", "\"text\""})
    void refusesABodyThatIsNotAnObject(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("malformed_json");
        });
        assertThatThrownBy(() -> TaskPatch.parse(null)).isInstanceOf(ApiException.class);
    }

    private static TaskPatch parse(String json) {
        JsonNode node = JSON.readTree(json);
        return TaskPatch.parse(node);
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(ApiException e) {
        return ((List<Map<String, String>>) e.properties().get("errors")).stream().map(error -> error.get("field"))
                .toList();
    }
}

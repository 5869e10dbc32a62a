package io.missioncontrol.task.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.platform.web.ApiException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IfMatchTest {

    @Test
    void readsTheTagsTheApiGivesOut() {
        assertThat(IfMatch.parse("\"4\"")).isEqualTo(new IfMatch(Set.of(4L)));
        assertThat(IfMatch.parse("W/\"4\"")).isEqualTo(new IfMatch(Set.of(4L)));
        assertThat(IfMatch.parse("\"3\", \"4\"")).isEqualTo(new IfMatch(Set.of(3L, 4L)));
        assertThat(IfMatch.parse(null)).isEqualTo(IfMatch.ANY);
        assertThat(IfMatch.parse("*")).isEqualTo(IfMatch.ANY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4", "\"four\"", "\"4", "\"-1\"", "\"4\";", "\"99999999999999999999\""})
    void refusesWhatIsNotATag(String header) {
        assertThatThrownBy(() -> IfMatch.parse(header)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("invalid_if_match"));
    }

    @Test
    void aStaleVersionIsAConflictNamingTheCurrentOne() {
        Task task = Tasks.inStatus(TaskStatus.TODO);
        IfMatch.parse("\"4\"").check(task);
        IfMatch.ANY.check(task);
        assertThatThrownBy(() -> IfMatch.parse("\"3\"").check(task)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(409);
            assertThat(e.code()).isEqualTo("version_conflict");
            assertThat(e.properties()).containsEntry("current_version", 4L);
        });
    }
}

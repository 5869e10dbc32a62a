package io.missioncontrol.telemetry.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.task.TaskCreated;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventEnvelope;
import io.missioncontrol.platform.web.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ActivityFilterTest {

    @Test
    void acceptsSeveralEventTypesRepeatedOrSeparatedByCommas() {
        ActivityFilter filter = ActivityFilter.parse(null, null, null, null,
                List.of("mc.task.created.v1,mc.task.deleted.v1", "mc.task.created.v1"), null, null);
        assertThat(filter.types()).containsExactly("mc.task.created.v1", "mc.task.deleted.v1");
    }

    @Test
    void refusesUnknownNamesWithACode() {
        assertCode(() -> ActivityFilter.parse("spaceship", null, null, null, null, null, null), "unknown_resource_type", 400);
        assertCode(() -> ActivityFilter.parse(null, null, "robot", null, null, null, null), "unknown_actor_type", 400);
        assertCode(() -> ActivityFilter.parse(null, null, null, null, List.of("mc.task.created.v2"), null, null),
                "unknown_event_type", 400);
        assertCode(() -> ActivityFilter.parse(null, "42", null, null, null, null, null), "resource_type_required", 422);
    }

    @Test
    void refusesUnreadableTimesAndAnEmptyRange() {
        assertCode(() -> ActivityFilter.parse(null, null, null, null, null, "yesterday", null), "invalid_time", 400);
        assertCode(() -> ActivityFilter.parse(null, null, null, null, null, "2026-11-23T08:00:00Z",
                "2026-11-23T08:00:00Z"), "invalid_time_range", 422);
        assertThat(ActivityFilter.parse(null, null, null, null, null, "2026-11-23T09:00:00+01:00", null).from())
                .isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    }

    @Test
    void matchesALiveEventAsTheQueryWouldMatchItsRow() {
        var at = OffsetDateTime.of(2026, 11, 23, 8, 0, 0, 0, ZoneOffset.UTC);
        UUID task = UUID.randomUUID();
        var event = new EventEnvelope<DomainEvent>(UUID.randomUUID(), TaskCreated.TYPE.name(), "test", task.toString(),
                at, UUID.randomUUID(), new Actor("agent", "a-1"), 0,
                new TaskCreated(task, UUID.randomUUID(), UUID.randomUUID(), "T", null, "todo", "low", null, 0));

        assertThat(ActivityFilter.ANY.matches(event)).isTrue();
        assertThat(ActivityFilter.parse("task", task.toString(), "agent", "a-1", List.of("mc.task.created.v1"),
                "2026-11-23T08:00:00Z", "2026-11-23T08:00:01Z").matches(event)).isTrue();
        assertThat(ActivityFilter.parse("board", null, null, null, null, null, null).matches(event)).isFalse();
        assertThat(ActivityFilter.parse(null, null, "user", null, null, null, null).matches(event)).isFalse();
        assertThat(ActivityFilter.parse(null, null, null, "a-2", null, null, null).matches(event)).isFalse();
        assertThat(ActivityFilter.parse(null, null, null, null, List.of("mc.task.deleted.v1"), null, null)
                .matches(event)).isFalse();
        assertThat(ActivityFilter.parse(null, null, null, null, null, null, "2026-11-23T08:00:00Z").matches(event))
                .as("to is exclusive").isFalse();
    }

    private static void assertCode(Runnable parse, String code, int status) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status().value()).isEqualTo(status);
        });
    }
}

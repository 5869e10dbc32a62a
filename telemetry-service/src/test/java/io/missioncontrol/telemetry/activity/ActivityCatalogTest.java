package io.missioncontrol.telemetry.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventCatalog;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventEnvelope;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every published event type becomes a timeline entry with its resource type and a summary. */
class ActivityCatalogTest {

    @Test
    void everyCatalogTypeBecomesAnEntryWithItsResourceTypeAndASummary() {
        assertThat(EventCatalog.ALL).allSatisfy(type -> {
            DomainEvent data = DocumentedEvents.example(type);
            Activity entry = Activity.of(envelope(type, data));
            assertThat(entry.eventType()).isEqualTo(type.name());
            assertThat(entry.resourceType()).as(type.name()).isEqualTo(type.resourceType()).isNotEqualTo("unknown");
            assertThat(entry.summary()).as(type.name()).isNotBlank();
            assertThat(ActivityFilter.RESOURCE_TYPES).contains(entry.resourceType());
        });
    }

    @Test
    void anEventTypeTheCatalogDoesNotKnowIsFiledUnderUnknown() {
        assertThat(ActivityFilter.resourceTypeOf("mc.something.new.v9")).isEqualTo("unknown");
    }

    static EventEnvelope<DomainEvent> envelope(EventType<?> type, DomainEvent data) {
        return new EventEnvelope<>(UUID.randomUUID(), type.name(), "mission-control/test", UUID.randomUUID().toString(),
                OffsetDateTime.now(ZoneOffset.UTC), UUID.randomUUID(), new Actor("user", "ada"), 1, data);
    }
}

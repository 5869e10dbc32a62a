package io.missioncontrol.telemetry.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventCatalog;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.contracts.organization.MembershipAdded;
import io.missioncontrol.contracts.organization.OrganizationCreated;
import io.missioncontrol.contracts.task.TaskCreated;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A task event on Kafka becomes one timeline entry, however often it is delivered, visible only to its tenant. */
@ServiceTest
class ActivityTimelineIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> MESSAGE =
            new ParameterizedTypeReference<>() {
            };

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    WebTestClient http;

    @Test
    void recordsATaskEventOnceAndShowsItToItsOrganization() throws Exception {
        UUID org = organization("Once", "ona");
        UUID task = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        var data = new TaskCreated(task, UUID.randomUUID(), org, "Patch the fleet", null, "todo", "critical", null, 0);
        var event = EventCodec.cloudEvent(UUID.randomUUID(), TaskCreated.TYPE.name(), "mission-control/task-service",
                task.toString(), OffsetDateTime.now(ZoneOffset.UTC), org, new Actor("agent", agent.toString()), 0,
                EventCodec.toJson(data));
        kafka.send(EventCodec.toRecord(TaskCreated.TYPE.topic(), event)).get();
        kafka.send(EventCodec.toRecord(TaskCreated.TYPE.topic(), event)).get();

        String query = "/api/activity?resource_type=task&resource_id=" + task;
        await().atMost(Duration.ofSeconds(30)).until(() -> !items(TestTokens.admin(), query).isEmpty());
        // The redelivered copy sits right behind the first on the same partition; give it every chance to land.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> items(TestTokens.admin(), query).size() == 1);

        Map<?, ?> entry = items(TestTokens.admin(), query).get(0);
        assertThat(entry.get("summary")).isEqualTo("Task \"Patch the fleet\" created (todo, critical priority)");
        assertThat(entry.get("actor")).isEqualTo(Map.of("type", "agent", "id", agent.toString()));
        assertThat(entry.get("event_type")).isEqualTo("mc.task.created.v1");

        assertThat(items(TestTokens.agent(agent, org, "tasks:read"), query)).hasSize(1);
        assertThat(items(TestTokens.agent(UUID.randomUUID(), UUID.randomUUID(), "tasks:read"), query))
                .as("another organization's agent sees nothing").isEmpty();
        http.get().uri("/api/activity?organization_id=" + org)
                .headers(h -> h.setBearerAuth(TestTokens.agent(UUID.randomUUID(), UUID.randomUUID())))
                .exchange().expectStatus().isNotFound();
        http.get().uri("/api/activity").headers(h -> h.setBearerAuth(TestTokens.agent(agent, org))).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("insufficient_scope");
    }

    @Test
    void refusesACursorItDidNotIssue() {
        http.get().uri("/api/activity?cursor=garbage").headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_cursor");
        http.get().uri("/api/activity?limit=0").headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_limit");
    }

    @Test
    void everyEventTypeOfTheCatalogBecomesAnEntry() {
        UUID org = organization("Catalog", "cat");
        for (EventType<?> type : EventCatalog.ALL) {
            publish(type, DocumentedEvents.example(type), org, new Actor("user", "cat"));
        }
        String query = "/api/activity?limit=200&organization_id=" + org;
        await().atMost(PATIENCE).until(() -> items(TestTokens.user("cat"), query).size()
                >= EventCatalog.ALL.size() + 2);
        List<Map<?, ?>> entries = items(TestTokens.user("cat"), query);
        assertThat(entries.stream().map(entry -> (String) entry.get("event_type")).distinct().toList())
                .containsAll(EventCatalog.ALL.stream().map(EventType::name).toList());
        assertThat(entries).allSatisfy(entry -> assertThat((String) entry.get("summary")).isNotBlank());
    }

    @Test
    void aPersonReadsTheirOrganizationsOnlyAndAnotherOneIsNotFound() {
        UUID mine = organization("Mine", "meg");
        UUID theirs = organization("Theirs", "tom");
        UUID myTask = publishTask(mine, new Actor("user", "meg"), "Mine", OffsetDateTime.now(ZoneOffset.UTC));
        UUID theirTask = publishTask(theirs, new Actor("user", "tom"), "Theirs", OffsetDateTime.now(ZoneOffset.UTC));
        await().atMost(PATIENCE).until(() -> !items(TestTokens.admin(), "/api/activity?resource_type=task&resource_id="
                + theirTask).isEmpty());
        await().atMost(PATIENCE).until(() -> !items(TestTokens.admin(), "/api/activity?resource_type=task&resource_id="
                + myTask).isEmpty());

        List<Map<?, ?>> meg = items(TestTokens.user("meg"), "/api/activity?limit=200");
        assertThat(meg.stream().map(entry -> (String) entry.get("organization_id")).toList()).containsOnly(mine.toString());
        assertThat(meg.stream().map(entry -> (String) entry.get("resource_id")).toList()).contains(myTask.toString())
                .doesNotContain(theirTask.toString());
        for (String uri : List.of("/api/activity?organization_id=" + theirs,
                "/api/activity/stream?organization_id=" + theirs)) {
            http.get().uri(uri).headers(h -> h.setBearerAuth(TestTokens.user("meg"))).exchange()
                    .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("not_found");
        }
        assertThat(items(TestTokens.user("nobody"), "/api/activity")).as("a person of no organization").isEmpty();
    }

    @Test
    void filtersByActorTypeAndTimeRangeAndPagesNewestFirst() {
        UUID org = organization("Filters", "fay");
        OffsetDateTime start = OffsetDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);
        UUID agent = UUID.randomUUID();
        UUID first = publishTask(org, new Actor("agent", agent.toString()), "First", start);
        UUID second = publishTask(org, new Actor("user", "fay"), "Second", start.plusMinutes(1));
        UUID third = publishTask(org, new Actor("agent", agent.toString()), "Third", start.plusMinutes(2));
        String all = "/api/activity?organization_id=" + org + "&type=mc.task.created.v1";
        await().atMost(PATIENCE).until(() -> items(TestTokens.user("fay"), all).size() == 3);

        assertThat(ids(items(TestTokens.user("fay"), all))).containsExactly(third, second, first);
        assertThat(ids(items(TestTokens.user("fay"), all + "&actor_type=agent&actor_id=" + agent)))
                .containsExactly(third, first);
        assertThat(ids(items(TestTokens.user("fay"), all + "&from=2026-01-01T12:01:00Z&to=2026-01-01T12:02:00Z")))
                .containsExactly(second);
        assertThat(items(TestTokens.user("fay"), "/api/activity?organization_id=" + org
                + "&type=mc.task.deleted.v1,mc.board.created.v1")).isEmpty();

        Map<?, ?> page = page(TestTokens.user("fay"), all + "&limit=2");
        assertThat(ids(items(page))).containsExactly(third, second);
        assertThat(ids(items(page(TestTokens.user("fay"), all + "&limit=2&cursor=" + page.get("next_cursor")))))
                .containsExactly(first);

        http.get().uri("/api/activity?actor_type=robot").headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("unknown_actor_type");
        http.get().uri("/api/activity?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")
                .headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("invalid_time_range");
    }

    @Test
    void streamsNewEntriesOfTheCallersOrganizationsWithinASecondAndResumesWithoutGaps() {
        UUID org = organization("Live", "liv");
        UUID other = organization("Elsewhere", "els");
        var lastEventId = new AtomicReference<String>();
        var first = new AtomicReference<UUID>();
        var published = new AtomicReference<Long>();

        StepVerifier.create(stream(TestTokens.user("liv"), null))
                .assertNext(ready -> assertThat(ready.event()).isEqualTo("ready"))
                .then(() -> {
                    publishTask(other, new Actor("user", "els"), "Not for liv", OffsetDateTime.now(ZoneOffset.UTC));
                    published.set(System.nanoTime());
                    first.set(publishTask(org, new Actor("user", "liv"), "For liv", OffsetDateTime.now(ZoneOffset.UTC)));
                })
                .assertNext(event -> {
                    assertThat(Duration.ofNanos(System.nanoTime() - published.get())).isLessThan(Duration.ofSeconds(5));
                    assertThat(event.event()).isEqualTo("mc.task.created.v1");
                    assertThat(event.data()).containsEntry("subject", first.get().toString())
                            .containsEntry("organization_id", org.toString())
                            .containsEntry("summary", "Task \"For liv\" created (todo, high priority)");
                    lastEventId.set(event.id());
                })
                .thenCancel()
                .verify(PATIENCE);

        UUID second = publishTask(org, new Actor("user", "liv"), "Second", OffsetDateTime.now(ZoneOffset.UTC));
        UUID third = publishTask(org, new Actor("user", "liv"), "Third", OffsetDateTime.now(ZoneOffset.UTC));
        await().atMost(PATIENCE).until(() -> items(TestTokens.user("liv"), "/api/activity?organization_id=" + org
                + "&resource_type=task&resource_id=" + third).size() == 1);

        StepVerifier.create(stream(TestTokens.user("liv"), lastEventId.get()))
                .assertNext(ready -> assertThat(ready.data()).containsEntry("resumed", true))
                .assertNext(event -> assertThat(event.data()).containsEntry("subject", second.toString()))
                .assertNext(event -> assertThat(event.data()).containsEntry("subject", third.toString()))
                .expectNoEvent(Duration.ofSeconds(1))
                .thenCancel()
                .verify(PATIENCE);
    }

    /** A live organization in the membership copy, with {@code subject} as its viewer. */
    private UUID organization(String name, String viewer) {
        UUID org = UUID.randomUUID();
        publish(OrganizationCreated.TYPE, new OrganizationCreated(org, name, null, 0), org, new Actor("admin", "admin"));
        publish(MembershipAdded.TYPE, new MembershipAdded(org, UUID.randomUUID(), viewer, null, "viewer", 1), org,
                new Actor("admin", "admin"));
        await().atMost(PATIENCE).until(() -> http.get().uri("/api/activity?organization_id=" + org)
                .headers(h -> h.setBearerAuth(TestTokens.user(viewer))).exchange()
                .returnResult(Void.class).getStatus().value() == 200);
        return org;
    }

    private UUID publishTask(UUID org, Actor actor, String title, OffsetDateTime time) {
        UUID task = UUID.randomUUID();
        publish(TaskCreated.TYPE, new TaskCreated(task, UUID.randomUUID(), org, title, null, "todo", "high", null, 0),
                org, actor, time, task.toString());
        return task;
    }

    private void publish(EventType<?> type, DomainEvent data, UUID org, Actor actor) {
        publish(type, data, org, actor, OffsetDateTime.now(ZoneOffset.UTC), UUID.randomUUID().toString());
    }

    private void publish(EventType<?> type, DomainEvent data, UUID org, Actor actor, OffsetDateTime time,
                         String subject) {
        var event = EventCodec.cloudEvent(UUID.randomUUID(), type.name(), "mission-control/test", subject, time, org,
                actor, 0, EventCodec.toJson(data));
        try {
            kafka.send(EventCodec.toRecord(type.topic(), event)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Flux<ServerSentEvent<Map<String, Object>>> stream(String token, String lastEventId) {
        return http.mutate().responseTimeout(PATIENCE).build()
                .get().uri("/api/activity/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> {
                    headers.setBearerAuth(token);
                    if (lastEventId != null) {
                        headers.set("Last-Event-ID", lastEventId);
                    }
                })
                .exchange()
                .expectStatus().isOk()
                .returnResult(MESSAGE).getResponseBody()
                .filter(message -> message.event() != null);
    }

    private static List<UUID> ids(List<Map<?, ?>> entries) {
        return entries.stream().map(entry -> UUID.fromString((String) entry.get("resource_id"))).toList();
    }

    private Map<?, ?> page(String token, String uri) {
        return http.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> items(Map<?, ?> page) {
        return (List<Map<?, ?>>) page.get("items");
    }

    @SuppressWarnings("unchecked")
    private List<Map<?, ?>> items(String token, String uri) {
        Map<?, ?> page = http.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (List<Map<?, ?>>) page.get("items");
    }
}

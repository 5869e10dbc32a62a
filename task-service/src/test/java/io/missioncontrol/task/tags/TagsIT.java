package io.missioncontrol.task.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.task.TaskTagsChanged;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.events.EventEnvelope;
import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Tags through the HTTP API: rules, tasks carrying them, the tag filter, and tenancy. */
@ServiceTest
class TagsIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient http;

    @Value("${spring.kafka.bootstrap-servers}")
    String kafka;

    private final String run = UUID.randomUUID().toString();
    private final String alice = TestTokens.user("alice-" + run, "alice-" + run + "@example.com");
    private final String bob = TestTokens.user("bob-" + run, "bob-" + run + "@example.com");
    private String org;
    private String board;

    @BeforeEach
    void aliceOwnsAnOrganizationWithABoard() {
        org = id(call(alice, HttpMethod.POST, "/api/organizations", Map.of("name", "Org " + run), 201));
        String group = id(call(alice, HttpMethod.POST, "/api/board-groups", Map.of("organization_id", org, "name", "G"), 201));
        board = id(call(alice, HttpMethod.POST, "/api/boards", Map.of("board_group_id", group, "name", "B"), 201));
    }

    @Test
    void createsReadsRenamesAndListsTags() {
        Map<String, Object> created = call(alice, HttpMethod.POST, "/api/tags",
                Map.of("organization_id", org, "name", " Security ", "color", "#D73A4A"), 201);
        assertThat(created).containsEntry("name", "Security").containsEntry("color", "#d73a4a")
                .containsEntry("version", 0);
        String tag = id(created);

        assertThat(call(alice, HttpMethod.GET, "/api/tags/" + tag, null, 200)).containsEntry("name", "Security");
        Map<String, Object> renamed = call(alice, HttpMethod.PATCH, "/api/tags/" + tag, Map.of("name", "Sec"), 200);
        assertThat(renamed).containsEntry("name", "Sec").containsEntry("color", "#d73a4a").containsEntry("version", 1);
        assertThat(items(call(alice, HttpMethod.GET, "/api/tags?organization_id=" + org, null, 200)))
                .extracting(item -> item.get("id")).containsExactly(tag);
    }

    @Test
    void refusesADuplicateNameIgnoringCaseAndABadColour() {
        call(alice, HttpMethod.POST, "/api/tags", Map.of("organization_id", org, "name", "Bug", "color", "#000000"), 201);
        assertThat(call(alice, HttpMethod.POST, "/api/tags",
                Map.of("organization_id", org, "name", "bug", "color", "#ffffff"), 409)).containsEntry("code", "tag_exists");
        String other = id(call(alice, HttpMethod.POST, "/api/tags",
                Map.of("organization_id", org, "name", "Feature", "color", "#ffffff"), 201));
        assertThat(call(alice, HttpMethod.PATCH, "/api/tags/" + other, Map.of("name", "BUG"), 409))
                .containsEntry("code", "tag_exists");
        assertThat(call(alice, HttpMethod.POST, "/api/tags",
                Map.of("organization_id", org, "name", "Ops", "color", "green"), 422)).containsEntry("code", "validation_failed");
        assertThat(call(alice, HttpMethod.PATCH, "/api/tags/" + other, Map.of("color", "#abc"), 422))
                .containsEntry("code", "validation_failed");
    }

    @Test
    void tasksCarryTagsAndLoseThemWhenATagIsDeleted() {
        String bug = tag("bug");
        String urgent = tag("urgent");
        Map<String, Object> task = call(alice, HttpMethod.POST, "/api/tasks",
                Map.of("board_id", board, "title", "Fix it", "tags", List.of(urgent, bug)), 201);
        String id = id(task);
        assertThat(tagIds(task)).containsExactly(bug, urgent); // by name
        assertThat(task).containsEntry("version", 1);

        Map<String, Object> retagged = call(alice, HttpMethod.PUT, "/api/tasks/" + id + "/tags",
                Map.of("tags", List.of(bug)), 200);
        assertThat(tagIds(retagged)).containsExactly(bug);
        assertThat(retagged).containsEntry("version", 2);
        // The same set again is no change.
        assertThat(call(alice, HttpMethod.PUT, "/api/tasks/" + id + "/tags", Map.of("tags", List.of(bug, bug)), 200))
                .containsEntry("version", 2);

        // Board reads show tags too.
        Map<String, Object> boardView = call(alice, HttpMethod.GET, "/api/boards/" + board, null, 200);
        assertThat(tagIds(items(boardView, "tasks").get(0))).containsExactly(bug);

        call(alice, HttpMethod.DELETE, "/api/tags/" + bug, null, 204);
        Map<String, Object> after = call(alice, HttpMethod.GET, "/api/tasks/" + id, null, 200);
        assertThat(tagIds(after)).isEmpty();
        assertThat(after).containsEntry("version", 3);
        call(alice, HttpMethod.GET, "/api/tags/" + bug, null, 404);
    }

    @Test
    void refusesTagsOfAnotherOrganizationPerEntry() {
        String mine = tag("mine");
        String bobsOrg = id(call(bob, HttpMethod.POST, "/api/organizations", Map.of("name", "Bob " + run), 201));
        String bobs = id(call(bob, HttpMethod.POST, "/api/tags",
                Map.of("organization_id", bobsOrg, "name", "theirs", "color", "#123456"), 201));
        String task = id(call(alice, HttpMethod.POST, "/api/tasks", Map.of("board_id", board, "title", "T"), 201));

        Map<String, Object> refused = call(alice, HttpMethod.PUT, "/api/tasks/" + task + "/tags",
                Map.of("tags", List.of(mine, bobs)), 422);
        assertThat(refused).containsEntry("code", "unknown_reference");
        assertThat(refused.get("errors").toString()).contains("tags[1]").doesNotContain("tags[0]");
        assertThat(call(alice, HttpMethod.POST, "/api/tasks",
                Map.of("board_id", board, "title", "U", "tags", List.of(bobs)), 422)).containsEntry("code", "unknown_reference");
    }

    @Test
    void answers404ForEveryTagEndpointAcrossOrganizations() {
        String tag = tag("private");
        String task = id(call(alice, HttpMethod.POST, "/api/tasks", Map.of("board_id", board, "title", "T"), 201));
        call(bob, HttpMethod.GET, "/api/tags/" + tag, null, 404);
        call(bob, HttpMethod.PATCH, "/api/tags/" + tag, Map.of("name", "x"), 404);
        call(bob, HttpMethod.DELETE, "/api/tags/" + tag, null, 404);
        call(bob, HttpMethod.PUT, "/api/tasks/" + task + "/tags", Map.of("tags", List.of()), 404);
        call(bob, HttpMethod.GET, "/api/tags?organization_id=" + org, null, 404);
        call(bob, HttpMethod.POST, "/api/tags", Map.of("organization_id", org, "name", "x", "color", "#000000"), 422);
        // Still there for its owner.
        call(alice, HttpMethod.GET, "/api/tags/" + tag, null, 200);
    }

    @Test
    void filtersByAllGivenTagsAndPagesThroughTheResult() {
        String red = tag("red");
        String blue = tag("blue");
        List<String> both = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            both.add(0, id(call(alice, HttpMethod.POST, "/api/tasks",
                    Map.of("board_id", board, "title", "Both " + i, "tags", List.of(red, blue)), 201)));
            call(alice, HttpMethod.POST, "/api/tasks", Map.of("board_id", board, "title", "Red " + i, "tags", List.of(red)), 201);
            call(alice, HttpMethod.POST, "/api/tasks", Map.of("board_id", board, "title", "Plain " + i), 201);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            String uri = "/api/tasks?organization_id=" + org + "&tag=" + red + "&tag=" + blue + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor);
            Map<String, Object> page = call(alice, HttpMethod.GET, uri, null, 200);
            items(page).forEach(item -> seen.add((String) item.get("id")));
            cursor = (String) page.get("next_cursor");
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(both);
        assertThat(items(call(alice, HttpMethod.GET, "/api/tasks?organization_id=" + org + "&tag=" + red + "&limit=100",
                null, 200))).hasSize(10);
    }

    @Test
    void publishesTagEventsOnTheirOwnTopicAndTagChangesOnTheTasksTopic() {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "tags-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.TAGS, Topics.TASKS));
            String tag = tag("kafka");
            call(alice, HttpMethod.PATCH, "/api/tags/" + tag, Map.of("color", "#ffffff"), 200);
            String task = id(call(alice, HttpMethod.POST, "/api/tasks",
                    Map.of("board_id", board, "title", "Tagged", "tags", List.of(tag)), 201));
            call(alice, HttpMethod.DELETE, "/api/tags/" + tag, null, 204);

            List<String> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    EventEnvelope<DomainEvent> event = EventCodec.decode(record);
                    if (event.subject().toString().equals(record.key())
                            && (event.subject().toString().equals(tag) || event.subject().toString().equals(task))) {
                        String detail = event.data() instanceof TaskTagsChanged changed ? " " + changed.tags() : "";
                        seen.add(record.topic() + " " + event.type() + " v" + event.aggregateVersion() + detail);
                    }
                });
                assertThat(seen).containsExactlyInAnyOrder(
                        "mc.tags mc.tag.created.v1 v0",
                        "mc.tags mc.tag.updated.v1 v1",
                        "mc.tasks mc.task.created.v1 v0",
                        "mc.tasks mc.task.tags-changed.v1 v1 [" + tag + "]",
                        "mc.tasks mc.task.tags-changed.v1 v2 []",
                        "mc.tags mc.tag.deleted.v1 v1");
            });
        }
    }

    private String tag(String name) {
        return id(call(alice, HttpMethod.POST, "/api/tags", Map.of("organization_id", org, "name", name, "color", "#0a0b0c"), 201));
    }

    private Map<String, Object> call(String token, HttpMethod method, String uri, Map<String, ?> body, int status) {
        var request = http.method(method).uri(uri).headers(headers -> headers.setBearerAuth(token));
        var spec = body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(new HashMap<>(body));
        EntityExchangeResult<Map<String, Object>> result = spec.exchange().expectBody(JSON).returnResult();
        assertThat(result.getStatus().value()).as(method + " " + uri + " -> " + result.getResponseBody()).isEqualTo(status);
        return result.getResponseBody() == null ? Map.of() : result.getResponseBody();
    }

    private static String id(Map<String, Object> body) {
        return (String) body.get("id");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> body, String field) {
        return (List<Map<String, Object>>) body.get(field);
    }

    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return items(page, "items");
    }

    private static List<String> tagIds(Map<String, Object> task) {
        return items(task, "tags").stream().map(tag -> (String) tag.get("id")).toList();
    }
}

package io.missioncontrol.task.comments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.task.Mention;
import io.missioncontrol.contracts.task.TaskCommented;
import io.missioncontrol.contracts.task.TaskMentioned;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.events.EventEnvelope;
import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
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

/** Comments on tasks through task-service's HTTP API, and the events their mentions publish on mc.tasks. */
@ServiceTest
class CommentsIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient http;
    @Value("${spring.kafka.bootstrap-servers}")
    String kafka;

    private final String admin = TestTokens.admin();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private String organization;
    private String task;

    @BeforeEach
    void taskInAFreshOrganization() {
        organization = id(call(admin, HttpMethod.POST, "/api/organizations", Map.of("name", "Org " + run)));
        String group = id(call(admin, HttpMethod.POST, "/api/board-groups",
                Map.of("organization_id", organization, "name", "G")));
        String board = id(call(admin, HttpMethod.POST, "/api/boards", Map.of("board_group_id", group, "name", "B")));
        task = id(call(admin, HttpMethod.POST, "/api/tasks", Map.of("board_id", board, "title", "Talk about it")));
    }

    @Test
    void mentionsOfAgentsAndMembersAreStoredAndPublished() {
        String bob = "bob-" + run;
        String bobMember = id(call(admin, HttpMethod.POST, "/api/organizations/" + organization + "/members",
                Map.of("subject", bob, "role", "member")));
        String carolMember = id(call(admin, HttpMethod.POST, "/api/organizations/" + organization + "/members",
                Map.of("email", "carol-" + run + "@example.com", "role", "viewer")));
        UUID agent = UUID.randomUUID();

        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            var posted = call(admin, HttpMethod.POST, "/api/tasks/" + task + "/comments", Map.of("body",
                    "@" + agent + " please pair with @" + bob + " and @Carol-" + run + "@example.com; @nobody here"));
            assertThat(posted.getStatus().value()).isEqualTo(201);
            String comment = (String) posted.getResponseBody().get("id");
            assertThat(posted.getResponseBody()).containsEntry("author", "admin")
                    .containsEntry("mentions", List.of(Map.of("type", "agent", "id", agent.toString()),
                            Map.of("type", "member", "id", bobMember), Map.of("type", "member", "id", carolMember)));

            List<EventEnvelope<DomainEvent>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(EventCodec.decode(record)));
                assertThat(seen).filteredOn(event -> event.subject().equals(task))
                        .extracting(EventEnvelope::type)
                        .containsExactly("mc.task.created.v1", "mc.task.commented.v1", "mc.task.mentioned.v1",
                                "mc.task.mentioned.v1", "mc.task.mentioned.v1");
            });
            List<DomainEvent> events = seen.stream().filter(event -> event.subject().equals(task))
                    .map(EventEnvelope::data).toList();
            TaskCommented commented = (TaskCommented) events.get(1);
            assertThat(commented.commentId()).isEqualTo(UUID.fromString(comment));
            assertThat(commented.mentions()).hasSize(3);
            // A comment does not change the task: its events carry the task's current version.
            assertThat(commented.version()).isEqualTo(0);
            assertThat(events.subList(2, 5)).extracting(event -> ((TaskMentioned) event).mentionType() + " "
                            + ((TaskMentioned) event).mentionId())
                    .containsExactly("agent " + agent, "member " + bobMember, "member " + carolMember);
            assertThat(new Mention("agent", agent)).isEqualTo(commented.mentions().get(0));
        }
    }

    @Test
    void theConversationReadsOldestFirstInPages() {
        for (int i = 1; i <= 3; i++) {
            call(admin, HttpMethod.POST, "/api/tasks/" + task + "/comments", Map.of("body", "comment " + i));
        }
        var first = call(admin, HttpMethod.GET, "/api/tasks/" + task + "/comments?limit=2", null).getResponseBody();
        assertThat(bodies(first)).containsExactly("comment 1", "comment 2");
        var second = call(admin, HttpMethod.GET, "/api/tasks/" + task + "/comments?limit=2&cursor="
                + first.get("next_cursor"), null).getResponseBody();
        assertThat(bodies(second)).containsExactly("comment 3");
        assertThat(second.get("next_cursor")).isNull();
    }

    @Test
    void anAgentCommentsOnItsOwnTasksButViewersAndStrangersMayNot() {
        // Agents comment only on the tasks assigned to them (AgentWorkIT shows the assigned case).
        String agent = TestTokens.agent(UUID.randomUUID(), UUID.fromString(organization), "tasks:write");
        assertThat(call(agent, HttpMethod.POST, "/api/tasks/" + task + "/comments", Map.of("body", "on it"))
                .getStatus().value()).isEqualTo(403);

        String viewer = "viewer-" + run;
        call(admin, HttpMethod.POST, "/api/organizations/" + organization + "/members",
                Map.of("subject", viewer, "role", "viewer"));
        assertThat(call(TestTokens.user(viewer), HttpMethod.POST, "/api/tasks/" + task + "/comments",
                Map.of("body", "hi")).getStatus().value()).isEqualTo(403);
        assertThat(call(TestTokens.user(viewer), HttpMethod.GET, "/api/tasks/" + task + "/comments", null)
                .getStatus().value()).isEqualTo(200);

        String stranger = TestTokens.agent(UUID.randomUUID(), UUID.randomUUID(), "tasks:write");
        assertThat(call(stranger, HttpMethod.POST, "/api/tasks/" + task + "/comments", Map.of("body", "hi"))
                .getStatus().value()).isEqualTo(404);
    }

    @Test
    void bodiesMustHaveOneToTenThousandCharacters() {
        String path = "/api/tasks/" + task + "/comments";
        assertThat(call(admin, HttpMethod.POST, path, Map.of("body", "")).getStatus().value()).isEqualTo(422);
        assertThat(call(admin, HttpMethod.POST, path, Map.of("body", "x".repeat(10_001))).getStatus().value())
                .isEqualTo(422);
        assertThat(call(admin, HttpMethod.POST, path, Map.of("body", "x".repeat(10_000))).getStatus().value())
                .isEqualTo(201);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> bodies(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> item.get("body")).toList();
    }

    private EntityExchangeResult<Map<String, Object>> call(String token, HttpMethod method, String path, Object body) {
        var request = http.method(method).uri(path).headers(headers -> headers.setBearerAuth(token));
        var exchange = body == null ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
        return exchange.expectBody(JSON_MAP).returnResult();
    }

    private static String id(EntityExchangeResult<Map<String, Object>> result) {
        assertThat(result.getStatus().value()).as(String.valueOf(result.getResponseBody())).isEqualTo(201);
        return (String) result.getResponseBody().get("id");
    }

    private KafkaConsumer<String, byte[]> consumer() {
        var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "comments-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.TASKS));
        return consumer;
    }
}

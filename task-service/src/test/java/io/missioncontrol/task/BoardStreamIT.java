package io.missioncontrol.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Live board streams against a real Kafka and PostgreSQL: what is created on a board is pushed to its viewers. */
@ServiceTest
class BoardStreamIT {

    private static final Logger log = LoggerFactory.getLogger(BoardStreamIT.class);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> MESSAGE =
            new ParameterizedTypeReference<>() {
            };

    @Autowired
    WebTestClient http;

    private String organization;
    private String board;
    private String otherBoard;

    @BeforeEach
    void aBoardAndItsNeighbour() {
        organization = create("/api/organizations", Map.of("name", "Streamers"));
        String group = create("/api/board-groups", Map.of("organization_id", organization, "name", "Live"));
        board = create("/api/boards", Map.of("board_group_id", group, "name", "Watched"));
        otherBoard = create("/api/boards", Map.of("board_group_id", group, "name", "Neighbour"));
    }

    @Test
    void pushesATaskCreatedOnTheBoardAndNothingFromAnotherBoard() {
        var neighbourSeen = new CopyOnWriteArrayList<ServerSentEvent<Map<String, Object>>>();
        Disposable neighbour = open(otherBoard, null).subscribe(neighbourSeen::add);
        var mine = new AtomicReference<String>();
        var created = new AtomicReference<Long>();

        StepVerifier.create(open(board, null))
                .assertNext(ready -> {
                    assertThat(ready.event()).isEqualTo("ready");
                    assertThat(ready.id()).startsWith("mc.tasks-");
                    assertThat(ready.data()).containsEntry("resumed", false);
                })
                .then(() -> {
                    // Once the neighbour's viewer has its task, this replica has read it: had it leaked to this board,
                    // it would come before the task created next.
                    String elsewhere = createTask(otherBoard, "Elsewhere");
                    await().atMost(PATIENCE).until(() -> neighbourSeen.stream().anyMatch(m -> isTask(m, elsewhere)));
                    mine.set(createTask(board, "Mine"));
                    created.set(System.nanoTime());
                })
                .assertNext(event -> {
                    long latency = Duration.ofNanos(System.nanoTime() - created.get()).toMillis();
                    log.info("The task reached the board's stream {} ms after its creation was answered", latency);
                    assertThat(latency).isLessThan(5_000);
                    assertThat(event.event()).isEqualTo("mc.task.created.v1");
                    assertThat(event.id()).startsWith("mc.tasks-");
                    Map<String, Object> message = event.data();
                    assertThat(message).containsEntry("type", "mc.task.created.v1")
                            .containsEntry("subject", mine.get())
                            .containsEntry("organization_id", organization)
                            .containsEntry("actor", Map.of("type", "admin", "id", "admin"))
                            .containsKeys("id", "time", "source", "aggregate_version");
                    assertThat(data(event)).containsEntry("task_id", mine.get()).containsEntry("board_id", board)
                            .containsEntry("title", "Mine");
                })
                .thenCancel()
                .verify(PATIENCE);
        neighbour.dispose();
    }

    @Test
    void resumesAfterTheLastEventIdWithExactlyTheEventsMissedWhileAway() {
        // A viewer that stays connected throughout: the reference for what this replica streamed, in its order.
        var watched = new CopyOnWriteArrayList<ServerSentEvent<Map<String, Object>>>();
        Disposable watcher = open(board, null).filter(BoardStreamIT::isEvent).subscribe(watched::add);
        var first = new AtomicReference<String>();
        var lastEventId = new AtomicReference<String>();

        StepVerifier.create(open(board, null))
                .expectNextMatches(ready -> "ready".equals(ready.event()))
                .then(() -> first.set(createTask(board, "First")))
                .assertNext(event -> {
                    assertThat(data(event)).containsEntry("task_id", first.get());
                    lastEventId.set(event.id());
                })
                .thenCancel()
                .verify(PATIENCE);

        // While away, two tasks; each waits for the watcher so that the replica reads them in this order.
        String second = createTask(board, "Second");
        await().atMost(PATIENCE).until(() -> watched.stream().anyMatch(m -> isTask(m, second)));
        String third = createTask(board, "Third");
        await().atMost(PATIENCE).until(() -> watched.stream().anyMatch(m -> isTask(m, third)));
        List<String> watchedIds = watched.stream().skip(1).map(ServerSentEvent::id).toList();

        StepVerifier.create(open(board, lastEventId.get()))
                .assertNext(ready -> {
                    assertThat(ready.event()).isEqualTo("ready");
                    assertThat(ready.data()).containsEntry("resumed", true);
                })
                .assertNext(event -> {
                    assertThat(data(event)).containsEntry("task_id", second);
                    assertThat(event.id()).isEqualTo(watchedIds.get(0));
                })
                .assertNext(event -> {
                    assertThat(data(event)).containsEntry("task_id", third);
                    assertThat(event.id()).isEqualTo(watchedIds.get(1));
                })
                .expectNoEvent(Duration.ofSeconds(1))
                .thenCancel()
                .verify(PATIENCE);
        watcher.dispose();
    }

    @Test
    void endsTheStreamOfAMemberRemovedFromTheOrganization() {
        String subject = "viewer-" + UUID.randomUUID();
        Map<?, ?> member = http.post().uri("/api/organizations/{id}/members", organization)
                .headers(headers -> headers.setBearerAuth(TestTokens.admin()))
                .bodyValue(Map.of("subject", subject, "role", "viewer"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();

        StepVerifier.create(open(board, null, TestTokens.user(subject)))
                .expectNextMatches(ready -> "ready".equals(ready.event()))
                .then(() -> http.delete().uri("/api/organizations/{org}/members/{id}", organization, member.get("id"))
                        .headers(headers -> headers.setBearerAuth(TestTokens.admin()))
                        .exchange().expectStatus().is2xxSuccessful())
                .thenConsumeWhile(message -> !"mc.task.created.v1".equals(message.event()))
                .expectComplete()
                .verify(PATIENCE);
    }

    /** {@code EventSource} cannot set headers on a connection it opens itself: the position may come as a parameter. */
    @Test
    void resumesFromAPositionGivenAsAParameter() {
        var opened = new AtomicReference<String>();
        StepVerifier.create(open(board, null))
                .assertNext(ready -> opened.set(ready.id()))
                .thenCancel()
                .verify(PATIENCE);
        String task = createTask(board, "While nobody watched");

        var resumed = http.mutate().responseTimeout(PATIENCE).build()
                .get().uri("/api/boards/{id}/stream?last_event_id={position}", board, opened.get())
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> headers.setBearerAuth(TestTokens.admin()))
                .exchange()
                .expectStatus().isOk()
                .returnResult(MESSAGE).getResponseBody()
                .filter(message -> message.event() != null);
        StepVerifier.create(resumed)
                .assertNext(ready -> assertThat(ready.data()).containsEntry("resumed", true))
                .assertNext(event -> assertThat(data(event)).containsEntry("task_id", task))
                .thenCancel()
                .verify(PATIENCE);
    }

    @Test
    void tellsAClientWhosePositionItCannotResumeToResync() {
        StepVerifier.create(open(board, UUID.randomUUID().toString()))
                .assertNext(ready -> assertThat(ready.data()).containsEntry("resumed", false))
                .assertNext(resync -> {
                    assertThat(resync.event()).isEqualTo("resync");
                    assertThat(resync.data()).containsEntry("reason", "position_unknown");
                    assertThat(resync.id()).startsWith("mc.tasks-");
                })
                .thenCancel()
                .verify(PATIENCE);
    }

    @Test
    void answersNotFoundForAnUnknownBoardOrAnotherOrganizationsBoard() {
        String outsider = TestTokens.agent(UUID.randomUUID(), UUID.randomUUID(), "tasks:read");

        for (var attempt : List.of(Map.entry(UUID.randomUUID().toString(), TestTokens.admin()),
                Map.entry(board, outsider))) {
            http.get().uri("/api/boards/{id}/stream", attempt.getKey()).accept(MediaType.TEXT_EVENT_STREAM)
                    .headers(headers -> headers.setBearerAuth(attempt.getValue()))
                    .exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("not_found")
                    .jsonPath("$.resource_type").isEqualTo("board");
        }
    }

    @Test
    void letsAnAgentOfTheBoardsOrganizationWatch() {
        String agent = TestTokens.agent(UUID.randomUUID(), UUID.fromString(organization), "tasks:read");

        var stream = http.get().uri("/api/boards/{id}/stream", board).accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> headers.setBearerAuth(agent))
                .exchange()
                .expectStatus().isOk()
                .returnResult(MESSAGE).getResponseBody();
        StepVerifier.create(stream)
                .expectNextMatches(ready -> "ready".equals(ready.event()))
                .thenCancel()
                .verify(PATIENCE);
    }

    @Test
    void refusesAnUnauthenticatedViewer() {
        http.get().uri("/api/boards/{id}/stream", board).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
    }

    /** The board's stream as the admin sees it, heartbeats left out. */
    private Flux<ServerSentEvent<Map<String, Object>>> open(String boardId, String lastEventId) {
        return open(boardId, lastEventId, TestTokens.admin());
    }

    private Flux<ServerSentEvent<Map<String, Object>>> open(String boardId, String lastEventId, String token) {
        return http.mutate().responseTimeout(PATIENCE).build()
                .get().uri("/api/boards/{id}/stream", boardId)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> {
                    headers.setBearerAuth(token);
                    if (lastEventId != null) {
                        headers.set("Last-Event-ID", lastEventId);
                    }
                })
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(MESSAGE).getResponseBody()
                .filter(message -> message.event() != null);
    }

    private static boolean isEvent(ServerSentEvent<Map<String, Object>> message) {
        return message.event().startsWith("mc.");
    }

    private static boolean isTask(ServerSentEvent<Map<String, Object>> message, String taskId) {
        return isEvent(message) && taskId.equals(data(message).get("task_id"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(ServerSentEvent<Map<String, Object>> message) {
        return (Map<String, Object>) message.data().get("data");
    }

    private String createTask(String boardId, String title) {
        return create("/api/tasks", Map.of("board_id", boardId, "title", title));
    }

    private String create(String path, Map<String, ?> body) {
        var created = http.post().uri(path).headers(headers -> headers.setBearerAuth(TestTokens.admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) created.get("id");
    }
}

package io.missioncontrol.platform.stream;

import static io.missioncontrol.platform.stream.TaskEvents.P0;
import static io.missioncontrol.platform.stream.TaskEvents.P1;
import static io.missioncontrol.platform.stream.TaskEvents.created;
import static io.missioncontrol.platform.stream.TaskEvents.onBoard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class StreamHubTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final UUID BOARD = UUID.randomUUID();
    private static final UUID OTHER_BOARD = UUID.randomUUID();

    private StreamHub hub = hub(8);

    @BeforeEach
    void readBothPartitionsFromTheStart() {
        hub.started(P0, 0);
        hub.started(P1, 0);
    }

    @Test
    void opensWithReadyAtTheCurrentPosition() {
        hub.accept(P0, 0, created(BOARD, "before"));

        StepVerifier.create(hub.subscribe(onBoard(BOARD), null))
                .assertNext(ready -> {
                    assertThat(ready.event()).isEqualTo("ready");
                    assertThat(ready.id()).isEqualTo("mc.tasks-0:1,mc.tasks-1:0");
                    assertThat(ready.data()).isEqualTo("{\"resumed\":false}");
                })
                .thenCancel()
                .verify(PATIENCE);
        assertThat(hub.subscriberCount()).isZero();
    }

    @Test
    void showsEachClientOnlyTheEventsItWants() {
        Flux<ServerSentEvent<String>> board = hub.subscribe(onBoard(BOARD), null);
        Flux<ServerSentEvent<String>> other = hub.subscribe(onBoard(OTHER_BOARD), null);

        hub.accept(P0, 0, created(OTHER_BOARD, "elsewhere"));
        hub.accept(P1, 0, created(BOARD, "here"));

        StepVerifier.create(board)
                .expectNextMatches(ready -> ready.event().equals("ready"))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("mc.task.created.v1");
                    assertThat(event.id()).isEqualTo("mc.tasks-0:1,mc.tasks-1:1");
                    assertThat(event.data()).startsWith("{\"id\":\"")
                            .contains("\"type\":\"mc.task.created.v1\"", "\"aggregate_version\":0",
                                    "\"organization_id\":\"" + TaskEvents.ORGANIZATION + "\"",
                                    "\"actor\":{\"type\":\"admin\",\"id\":\"admin\"}",
                                    "\"data\":{\"task_id\":\"", "\"board_id\":\"" + BOARD + "\"", "\"title\":\"here\"")
                            .containsPattern("\"time\":\"\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z\"");
                })
                .thenCancel()
                .verify(PATIENCE);
        StepVerifier.create(other)
                .expectNextMatches(ready -> ready.event().equals("ready"))
                .assertNext(event -> assertThat(event.data()).contains("\"title\":\"elsewhere\""))
                .thenCancel()
                .verify(PATIENCE);
    }

    @Test
    void resumesAfterALastEventIdWithWhatWasMissedThenLiveEvents() {
        hub.accept(P0, 0, created(BOARD, "seen"));
        String lastSeen = "mc.tasks-0:1,mc.tasks-1:0";
        hub.accept(P1, 0, created(BOARD, "missed 1"));
        hub.accept(P0, 1, created(OTHER_BOARD, "not mine"));
        hub.accept(P0, 2, created(BOARD, "missed 2"));

        Flux<ServerSentEvent<String>> resumed = hub.subscribe(onBoard(BOARD), lastSeen);
        hub.accept(P1, 1, created(BOARD, "live"));

        StepVerifier.create(resumed)
                .assertNext(ready -> {
                    assertThat(ready.data()).isEqualTo("{\"resumed\":true}");
                    assertThat(ready.id()).isEqualTo(lastSeen);
                })
                .assertNext(event -> assertThat(event.id()).isEqualTo("mc.tasks-0:1,mc.tasks-1:1"))
                .assertNext(event -> assertThat(event.id()).isEqualTo("mc.tasks-0:3,mc.tasks-1:1"))
                .assertNext(event -> {
                    assertThat(event.data()).contains("\"title\":\"live\"");
                    assertThat(event.id()).isEqualTo("mc.tasks-0:3,mc.tasks-1:2");
                })
                .thenCancel()
                .verify(PATIENCE);
    }

    @Test
    void tellsAClientItCannotResumeToResync() {
        hub.accept(P0, 0, created(BOARD, "first"));

        for (String unknown : List.of("not-a-position", UUID.randomUUID().toString(), "mc.tasks-0:0")) {
            StepVerifier.create(hub.subscribe(onBoard(BOARD), unknown))
                    .assertNext(ready -> assertThat(ready.data()).isEqualTo("{\"resumed\":false}"))
                    .assertNext(resync -> {
                        assertThat(resync.event()).isEqualTo("resync");
                        assertThat(resync.data()).isEqualTo("{\"reason\":\"position_unknown\"}");
                        assertThat(resync.id()).isEqualTo("mc.tasks-0:1,mc.tasks-1:0");
                    })
                    .thenCancel()
                    .verify(PATIENCE);
        }
    }

    @Test
    void dropsASlowClientWithResyncWithoutHoldingUpOthers() {
        hub = hub(64);
        hub.started(P0, 0);
        Flux<ServerSentEvent<String>> slow = hub.subscribe(onBoard(BOARD), null);
        var fastSeen = new AtomicInteger();
        var fast = hub.subscribe(onBoard(BOARD), null)
                .filter(message -> message.event().startsWith("mc."))
                .subscribe(message -> fastSeen.incrementAndGet());

        // The slow client asks for one message and then nothing; the hub must never wait for it. The fast one keeps up.
        StepVerifier.create(slow, 1)
                .expectNextMatches(ready -> ready.event().equals("ready"))
                .then(() -> {
                    for (int batch = 0; batch < 10; batch++) {
                        for (int i = 0; i < 50; i++) {
                            int offset = batch * 50 + i;
                            hub.accept(P0, offset, created(BOARD, "task " + offset));
                        }
                        int sent = (batch + 1) * 50;
                        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(5)).until(() -> fastSeen.get() == sent);
                    }
                })
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(message -> !"resync".equals(message.event()),
                        message -> assertThat(message.event()).isEqualTo("mc.task.created.v1"))
                .assertNext(resync -> {
                    assertThat(resync.data()).isEqualTo("{\"reason\":\"too_slow\"}");
                    assertThat(resync.id()).isNotBlank();
                })
                .expectComplete()
                .verify(PATIENCE);
        assertThat(fastSeen.get()).isEqualTo(500);
        assertThat(hub.subscriberCount()).as("only the fast client is left").isEqualTo(1);
        fast.dispose();
    }

    @Test
    void heartbeatsCarryThePositionAfterEveryEventBeforeThem() {
        Flux<ServerSentEvent<String>> stream = hub.subscribe(onBoard(BOARD), null);
        hub.accept(P0, 0, created(BOARD, "mine"));
        hub.accept(P1, 0, created(OTHER_BOARD, "not mine"));
        hub.heartbeat();

        StepVerifier.create(stream)
                .expectNextMatches(ready -> ready.event().equals("ready"))
                .expectNextMatches(event -> event.id().equals("mc.tasks-0:1,mc.tasks-1:0"))
                .assertNext(heartbeat -> {
                    assertThat(heartbeat.comment()).isEqualTo("heartbeat");
                    assertThat(heartbeat.event()).isNull();
                    assertThat(heartbeat.data()).isNull();
                    assertThat(heartbeat.id()).isEqualTo("mc.tasks-0:1,mc.tasks-1:1");
                })
                .thenCancel()
                .verify(PATIENCE);
    }

    @Test
    void endsEveryStreamWhenStopping() {
        Flux<ServerSentEvent<String>> stream = hub.subscribe(onBoard(BOARD), null);

        hub.completeAll();

        StepVerifier.create(stream)
                .expectNextMatches(ready -> ready.event().equals("ready"))
                .expectComplete()
                .verify(PATIENCE);
    }

    private static StreamHub hub(int subscriberBuffer) {
        return new StreamHub(new StreamProperties(100, Duration.ofMinutes(10), Duration.ofSeconds(15),
                subscriberBuffer, Duration.ofSeconds(1), Duration.ofSeconds(30)), Clock.systemUTC());
    }
}

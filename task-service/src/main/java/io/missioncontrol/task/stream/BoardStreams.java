package io.missioncontrol.task.stream;

import io.missioncontrol.contracts.BoardScoped;
import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.platform.events.EventEnvelope;
import io.missioncontrol.platform.stream.EventStream;
import io.missioncontrol.task.board.Board;
import io.missioncontrol.task.board.BoardService;
import java.util.UUID;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Live streams of one board's task changes, for those who may read the board. */
@Service
class BoardStreams {

    private final BoardService boards;
    private final EventStream taskEvents;

    BoardStreams(BoardService boards, EventStream taskEvents) {
        this.boards = boards;
        this.taskEvents = taskEvents;
    }

    /**
     * The board's stream, after the same check as reading the board (404 for an unknown board or another tenant's),
     * so that nothing is streamed to someone who could not have loaded it; the check is repeated while the stream is
     * open, which ends when the viewer loses the board.
     */
    Mono<Flux<ServerSentEvent<String>>> open(UUID boardId, String lastEventId) {
        Mono<Boolean> stillReadable = boards.getBoard(boardId).map(board -> true);
        return boards.getBoard(boardId)
                .flatMap(board -> taskEvents.open(event -> isOn(board, event), lastEventId, stillReadable));
    }

    /** Checked on the Kafka thread for every task event: the board decides, the tenant is a second guard. */
    static boolean isOn(Board board, EventEnvelope<DomainEvent> event) {
        return event.data() instanceof BoardScoped scoped && board.id().equals(scoped.boardId())
                && board.organizationId().equals(event.organizationId());
    }
}

package io.missioncontrol.task.stream;

import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
class BoardStreamController {

    private final BoardStreams streams;

    BoardStreamController(BoardStreams streams) {
        this.streams = streams;
    }

    /**
     * Every task change on the board as Server-Sent Events. A browser's {@code EventSource} sends
     * {@code Last-Event-ID} by itself when it reconnects; a client that opens a new connection to resume may pass
     * the id as {@code last_event_id} instead, since {@code EventSource} cannot set headers.
     */
    @GetMapping(path = "/api/boards/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<ResponseEntity<Flux<ServerSentEvent<String>>>> stream(
            @PathVariable UUID id,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
            @RequestParam(name = "last_event_id", required = false) String lastEventIdParameter) {
        String lastEventId = lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParameter;
        return streams.open(id, lastEventId).map(events -> ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                // Reverse proxies such as nginx would otherwise hold events back to fill their buffers.
                .header("X-Accel-Buffering", "no")
                .body(events));
    }
}

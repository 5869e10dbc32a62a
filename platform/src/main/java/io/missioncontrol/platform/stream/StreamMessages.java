package io.missioncontrol.platform.stream;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.events.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.http.codec.ServerSentEvent;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messages of a live stream. Every one that moves the client forward carries its position as the SSE {@code id},
 * so that a browser's {@code EventSource} sends it back as {@code Last-Event-ID} when it reconnects:
 * <ul>
 *   <li>{@code event: ready} first, at once — proxies (the gateway among them) pass the response headers on only
 *       with the first bytes;</li>
 *   <li>{@code event: <CloudEvent type>}, e.g. {@code mc.task.created.v1}, with the event as JSON;</li>
 *   <li>{@code event: resync} when the stream cannot promise the client every event since its position: reload the
 *       state, then carry on from this message's id;</li>
 *   <li>a {@code :heartbeat} comment with an {@code id} only (no data, so browsers dispatch nothing), which keeps
 *       idle connections open and the client's position current.</li>
 * </ul>
 */
final class StreamMessages {

    static final String READY = "ready";
    static final String RESYNC = "resync";
    /** The client's position is older than this replica's buffer, not one it wrote, or from before it started. */
    static final String POSITION_UNKNOWN = "position_unknown";
    /** The client read slower than events arrived and its queue filled up. */
    static final String TOO_SLOW = "too_slow";

    /** The envelope's own mapper: the data is embedded exactly as it travels on Kafka. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private StreamMessages() {
    }

    /**
     * The CloudEvent as JSON with snake_case attribute names.
     *
     * @param summary the event's one-line description, as the activity timeline shows it
     * @param data    the event data as on the wire, embedded unchanged
     */
    record Message(UUID id, String type, String source, String subject, OffsetDateTime time, UUID organizationId,
                   Actor actor, long aggregateVersion, String summary, @JsonRawValue String data) {
    }

    static String eventJson(EventEnvelope<DomainEvent> event) {
        return JSON.writeValueAsString(new Message(event.id(), event.type(), event.source(), event.subject(),
                event.time(), event.organizationId(), event.actor(), event.aggregateVersion(), event.data().summary(),
                new String(EventCodec.toJson(event.data()), StandardCharsets.UTF_8)));
    }

    static ServerSentEvent<String> event(ReplayBuffer.Entry entry, String id) {
        return ServerSentEvent.builder(entry.message()).id(id).event(entry.event().type()).build();
    }

    static ServerSentEvent<String> ready(StreamPosition position, boolean resumed) {
        return withId(ServerSentEvent.builder("{\"resumed\":" + resumed + "}").event(READY), position).build();
    }

    static ServerSentEvent<String> resync(StreamPosition position, String reason) {
        return withId(ServerSentEvent.builder("{\"reason\":\"" + reason + "\"}").event(RESYNC), position).build();
    }

    static ServerSentEvent<String> heartbeat(StreamPosition position) {
        return withId(ServerSentEvent.<String>builder().comment("heartbeat"), position).build();
    }

    private static ServerSentEvent.Builder<String> withId(ServerSentEvent.Builder<String> builder,
                                                          StreamPosition position) {
        return position.isEmpty() ? builder : builder.id(position.encode());
    }
}

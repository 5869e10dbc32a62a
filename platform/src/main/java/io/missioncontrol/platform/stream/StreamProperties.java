package io.missioncontrol.platform.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service's live event streams behave ({@code mc.stream.*}, e.g. {@code MC_STREAM_BUFFER_SIZE}).
 *
 * @param bufferSize       events each replica keeps for clients that reconnect with {@code Last-Event-ID}
 * @param retention        how long an event stays resumable, whatever the buffer size; a client away longer is
 *                         told to resync
 * @param heartbeat        how often an idle connection gets a comment, so proxies keep it open and the client's
 *                         resume position keeps up with events it was not interested in
 * @param subscriberBuffer messages queued for one client that reads slower than events arrive; when it is full the
 *                         client is told to resync and disconnected, and no one else waits for it
 * @param readyTimeout     how long a new connection waits for the replica to start reading its topics (after
 *                         start-up or with Kafka away) before it is refused with a 503
 * @param accessRecheck    how often an open stream checks again that its client may still read what it watches (a
 *                         member removed from the organization stops receiving within this time)
 */
@ConfigurationProperties("mc.stream")
public record StreamProperties(
        @DefaultValue("10000") int bufferSize,
        @DefaultValue("10m") Duration retention,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("1000") int subscriberBuffer,
        @DefaultValue("10s") Duration readyTimeout,
        @DefaultValue("30s") Duration accessRecheck) {

    public StreamProperties {
        if (bufferSize < 1 || subscriberBuffer < 1) {
            throw new IllegalArgumentException("mc.stream.buffer-size and mc.stream.subscriber-buffer must be positive");
        }
        if (retention.isNegative() || retention.isZero() || heartbeat.isNegative() || heartbeat.isZero()
                || readyTimeout.isNegative() || accessRecheck.isNegative() || accessRecheck.isZero()) {
            throw new IllegalArgumentException(
                    "mc.stream.retention, mc.stream.heartbeat and mc.stream.access-recheck must be positive durations");
        }
    }
}

package io.missioncontrol.telemetry.presence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param interval       how often agents send heartbeats
 * @param missedIntervals intervals without a heartbeat after which an agent is offline
 * @param sweepInterval  how often the offline sweep runs; with the outbox relay's latency this bounds how late an
 *                       {@code mc.agent.offline.v1} event is after the threshold passed
 */
@ConfigurationProperties("mc.telemetry.presence")
public record PresenceProperties(
        @DefaultValue("30s") Duration interval,
        @DefaultValue("3") int missedIntervals,
        @DefaultValue("1s") Duration sweepInterval) {

    public PresenceProperties {
        if (missedIntervals < 1) {
            throw new IllegalArgumentException("mc.telemetry.presence.missed-intervals must be at least 1");
        }
    }

    /** Silence longer than this makes an agent offline. */
    public Duration offlineAfter() {
        return interval.multipliedBy(missedIntervals);
    }
}

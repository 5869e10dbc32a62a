package io.missioncontrol.telemetry.heartbeat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param rawRetention      how long raw points (heartbeats, token usage, error entries) are kept; whole daily
 *                          partitions older than this are dropped. Rollups are kept.
 * @param maxBatch          heartbeats one request may carry
 * @param maxClockSkew      how far in the future (by the server's clock) a heartbeat's time may be
 * @param maxAge            how old a heartbeat may be when it arrives; shorter than the raw retention, so a
 *                          heartbeat never lands in a partition about to be dropped
 * @param ingestTimeout     how long a request waits for Kafka's acknowledgement before answering 503
 * @param partitionsAhead   days of partitions created ahead of today
 * @param maintenanceInterval how often partitions are created and dropped
 * @param writeTimeout      how long one batch write may take before the attempt counts as failed and is retried
 */
@ConfigurationProperties("mc.telemetry")
public record TelemetryProperties(
        @DefaultValue("7d") Duration rawRetention,
        @DefaultValue("100") int maxBatch,
        @DefaultValue("5m") Duration maxClockSkew,
        @DefaultValue("1d") Duration maxAge,
        @DefaultValue("5s") Duration ingestTimeout,
        @DefaultValue("2") int partitionsAhead,
        @DefaultValue("1h") Duration maintenanceInterval,
        @DefaultValue("30s") Duration writeTimeout) {

    public TelemetryProperties {
        if (rawRetention.compareTo(maxAge.plusDays(1)) < 0) {
            throw new IllegalArgumentException("mc.telemetry.raw-retention must exceed max-age by at least a day");
        }
        if (maxBatch < 1 || maxBatch > 1000) {
            throw new IllegalArgumentException("mc.telemetry.max-batch must be between 1 and 1000");
        }
    }
}

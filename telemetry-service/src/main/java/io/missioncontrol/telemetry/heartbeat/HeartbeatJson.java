package io.missioncontrol.telemetry.heartbeat;

import io.missioncontrol.contracts.telemetry.Heartbeat;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The wire form of {@code mc.heartbeats} records, owned here so that web settings never change it. */
final class HeartbeatJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // Newer producers may add fields; older consumers must still read the record.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static byte[] write(Heartbeat heartbeat) {
        return JSON.writeValueAsBytes(heartbeat);
    }

    /** @throws IllegalArgumentException when the record is not a heartbeat (it goes to the dead-letter topic) */
    static Heartbeat read(byte[] json) {
        Heartbeat heartbeat;
        try {
            heartbeat = json == null ? null : JSON.readValue(json, Heartbeat.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a heartbeat: " + e.getMessage(), e);
        }
        if (heartbeat == null || heartbeat.heartbeatId() == null || heartbeat.agentId() == null
                || heartbeat.organizationId() == null || heartbeat.time() == null || heartbeat.receivedAt() == null
                || heartbeat.runtime() == null || heartbeat.runtime().status() == null || heartbeat.memory() == null
                || heartbeat.disk() == null || heartbeat.network() == null) {
            throw new IllegalArgumentException("Not a heartbeat: a required field is missing");
        }
        return heartbeat;
    }

    private HeartbeatJson() {
    }
}

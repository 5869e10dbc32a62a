package io.missioncontrol.telemetry.heartbeat;

import io.missioncontrol.contracts.telemetry.Heartbeat;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Writes what arrives on {@code mc.heartbeats} to PostgreSQL, a poll's worth of records per transaction. A failed
 * write (database away) throws, and the batch container's error handler retries the same records with back-off
 * for as long as it takes, never skipping them: Kafka holds the heartbeats meanwhile. Only a record that is not a
 * heartbeat at all goes to {@code mc.heartbeats.dlt}, after its batch was stored.
 */
@Component
class HeartbeatListener {

    static final String CONSUMER = "heartbeat-writer";
    private static final Logger log = LoggerFactory.getLogger(HeartbeatListener.class);

    private final HeartbeatWriter writer;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final TelemetryProperties properties;

    HeartbeatListener(HeartbeatWriter writer, HeartbeatConfiguration.HeartbeatDeadLetters deadLetters,
                      TelemetryProperties properties) {
        this.writer = writer;
        this.deadLetters = deadLetters.recoverer();
        this.properties = properties;
    }

    @KafkaListener(id = CONSUMER, groupId = "telemetry-heartbeats", topics = "mc.heartbeats",
            containerFactory = HeartbeatConfiguration.BATCH_FACTORY)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        List<Heartbeat> heartbeats = new ArrayList<>(records.size());
        List<ConsumerRecord<String, byte[]>> poison = new ArrayList<>();
        List<IllegalArgumentException> reasons = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                heartbeats.add(HeartbeatJson.read(record.value()));
            } catch (IllegalArgumentException e) {
                poison.add(record);
                reasons.add(e);
            }
        }
        writer.write(heartbeats).block(properties.writeTimeout());
        // After the write: if dead-lettering fails the whole batch is retried, and the write repeats harmlessly.
        for (int i = 0; i < poison.size(); i++) {
            var record = poison.get(i);
            log.warn("Dead-lettering record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    reasons.get(i).getMessage());
            deadLetters.accept(record, reasons.get(i));
        }
    }
}

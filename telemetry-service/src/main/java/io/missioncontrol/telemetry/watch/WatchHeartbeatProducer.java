package io.missioncontrol.telemetry.watch;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.telemetry.Heartbeat;
import io.missioncontrol.telemetry.heartbeat.TelemetryProperties;
import java.time.Duration;
import java.util.HashMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts a Watch report on {@code mc.heartbeats} in the documented wire form (docs/events.md), keyed by agent id, so
 * the native batch writer stores it like any heartbeat. Bounded by the same ingestion timeout as native heartbeats;
 * a producer of its own, with the platform producer's settings (idempotent, {@code acks=all}).
 */
@Component
class WatchHeartbeatProducer implements DisposableBean {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private final DefaultKafkaProducerFactory<String, byte[]> factory;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration timeout;

    WatchHeartbeatProducer(ProducerFactory<String, byte[]> platformProducers, TelemetryProperties properties) {
        this.timeout = properties.ingestTimeout();
        var config = new HashMap<>(platformProducers.getConfigurationProperties());
        int millis = (int) timeout.toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, millis - 100));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "telemetry-watch-reports");
        this.factory = new DefaultKafkaProducerFactory<>(config);
        this.kafka = new KafkaTemplate<>(factory);
    }

    /** Completes once Kafka acknowledged; {@code send} may block without broker metadata, so off the event loop. */
    Mono<Void> send(Heartbeat heartbeat) {
        return Mono.fromCallable(() -> kafka.send(Topics.HEARTBEATS, heartbeat.agentId().toString(),
                        JSON.writeValueAsBytes(heartbeat)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::fromFuture)
                .timeout(timeout)
                .then();
    }

    @Override
    public void destroy() {
        factory.destroy();
    }
}

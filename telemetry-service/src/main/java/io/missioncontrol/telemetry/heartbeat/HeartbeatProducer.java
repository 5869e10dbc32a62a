package io.missioncontrol.telemetry.heartbeat;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.telemetry.Heartbeat;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends heartbeats to {@code mc.heartbeats}, keyed by agent id, and completes only when Kafka acknowledged all of
 * them. It uses the platform producer's settings (idempotent, {@code acks=all}) with timeouts cut to the ingestion
 * timeout: an agent waiting on a request should hear "try again" within seconds, while the outbox relay's producer
 * may wait longer. Its own producer, so the two never share a buffer either.
 */
@Component
class HeartbeatProducer implements DisposableBean {

    private final DefaultKafkaProducerFactory<String, byte[]> factory;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration timeout;

    HeartbeatProducer(ProducerFactory<String, byte[]> platformProducers, TelemetryProperties properties) {
        this.timeout = properties.ingestTimeout();
        var config = new HashMap<>(platformProducers.getConfigurationProperties());
        int millis = (int) timeout.toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, millis - 100));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "telemetry-heartbeats");
        this.factory = new DefaultKafkaProducerFactory<>(config);
        this.kafka = new KafkaTemplate<>(factory);
    }

    /**
     * One record per heartbeat. {@code send} may block while the producer has no metadata (broker away), so it runs
     * off the event loop; the whole call is bounded by the ingestion timeout.
     */
    Mono<Void> send(List<Heartbeat> heartbeats) {
        return Mono.fromCallable(() -> {
                    CompletableFuture<?>[] acks = heartbeats.stream()
                            .map(h -> kafka.send(Topics.HEARTBEATS, h.agentId().toString(), HeartbeatJson.write(h)))
                            .toArray(CompletableFuture[]::new);
                    return CompletableFuture.allOf(acks);
                })
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

package io.missioncontrol.telemetry.activity;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.platform.stream.EventStream;
import io.missioncontrol.platform.stream.StreamProperties;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;

/** Every domain topic, read by each replica for the live activity stream (decision 0009). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamProperties.class)
class ActivityStreamConfiguration {

    @Bean
    EventStream activityEventStream(@Value("${spring.application.name}") String serviceName,
                                    ConsumerFactory<String, byte[]> consumers, StreamProperties properties,
                                    Clock clock) {
        return new EventStream(serviceName + "-activity", Topics.DOMAIN, consumers, properties, clock);
    }
}

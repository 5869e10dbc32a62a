package io.missioncontrol.task.stream;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.platform.stream.EventStream;
import io.missioncontrol.platform.stream.StreamProperties;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;

/** The task events this service streams live to board viewers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamProperties.class)
class BoardStreamConfiguration {

    @Bean
    EventStream taskEventStream(@Value("${spring.application.name}") String serviceName,
                                ConsumerFactory<String, byte[]> consumers, StreamProperties properties, Clock clock) {
        return new EventStream(serviceName, List.of(Topics.TASKS), consumers, properties, clock);
    }
}

package io.missioncontrol.approval.approvals;

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

/** The approval events this service streams live (SSE) and wakes waiting reads with. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({StreamProperties.class, ApprovalProperties.class})
class ApprovalStreamConfiguration {

    @Bean
    EventStream approvalEventStream(@Value("${spring.application.name}") String serviceName,
                                    ConsumerFactory<String, byte[]> consumers, StreamProperties properties,
                                    Clock clock) {
        return new EventStream(serviceName, List.of(Topics.APPROVALS), consumers, properties, clock);
    }
}

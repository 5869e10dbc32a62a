package io.missioncontrol.telemetry.usage;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PriceProperties.class)
class UsageConfiguration {
}

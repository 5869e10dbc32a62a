package io.missioncontrol.registry.runtime;

import io.missioncontrol.registry.secrets.KeyRing;
import io.missioncontrol.registry.secrets.SecretProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RuntimeProperties.class, SecretProperties.class})
class RuntimeConfiguration {

    /** Built at start-up: a missing or unusable key stops the service before it takes any request. */
    @Bean
    KeyRing keyRing(SecretProperties secrets) {
        return secrets.keyRing();
    }

    @Bean
    EndpointPolicy endpointPolicy(RuntimeProperties properties) {
        return new EndpointPolicy(properties.allowedNetworks());
    }
}

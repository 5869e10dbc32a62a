package io.missioncontrol.gateway.internaltoken;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InternalTokenProperties.class)
class InternalTokenConfiguration {

    /** Reads the key here, so a gateway without a usable key refuses to start instead of failing every request. */
    @Bean
    InternalTokenIssuer internalTokenIssuer(InternalTokenProperties properties) {
        return new InternalTokenIssuer(SigningKey.fromPem(properties.privateKey()), properties.issuer(),
                properties.audience(), properties.ttl(), Clock.systemUTC());
    }

    @Bean
    InternalTokenRelayFilter internalTokenRelayFilter(InternalTokenIssuer issuer) {
        return new InternalTokenRelayFilter(issuer);
    }
}

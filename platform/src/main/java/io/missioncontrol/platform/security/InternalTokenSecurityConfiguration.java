package io.missioncontrol.platform.security;

import java.security.interfaces.RSAPublicKey;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import reactor.core.publisher.Mono;

/**
 * Makes a service accept only requests the gateway vouched for: every request except health, info and metrics must
 * carry the gateway's internal token (RS256, checked with the gateway's public key, its issuer, audience and expiry).
 * The caller it names becomes the principal, a {@link Caller}. A service reached directly, bypassing the gateway,
 * serves nothing.
 *
 * <p>Not an auto-configuration: services import it, so that the gateway and tools sharing the classpath stay free of it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(InternalTokenProperties.class)
public class InternalTokenSecurityConfiguration {

    /** Reads the key here, so a service without one refuses to start instead of rejecting every request. */
    @Bean
    ReactiveJwtDecoder internalTokenDecoder(InternalTokenProperties properties) {
        String publicKey = properties.publicKey();
        if (publicKey == null || publicKey.isBlank()) {
            throw new IllegalStateException("mc.internal-token.public-key (env MC_INTERNAL_TOKEN_PUBLIC_KEY) is not set:"
                    + " a service accepts only requests signed by the gateway, so it needs the gateway's public key"
                    + " (PEM, -----BEGIN PUBLIC KEY-----)");
        }
        RSAPublicKey key;
        try {
            key = InternalKeys.publicKeyFromPem(publicKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mc.internal-token.public-key: " + e.getMessage());
        }
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(key)
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        var expiry = new JwtTimestampValidator(properties.clockSkew());
        expiry.setAllowEmptyExpiryClaim(false); // a token without exp would be valid forever
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                expiry,
                new JwtIssuerValidator(properties.issuer()),
                new JwtAudienceValidator(properties.audience()),
                new CallerClaims()));
        return decoder;
    }

    @Bean
    SecurityWebFilterChain internalTokenSecurityWebFilterChain(ServerHttpSecurity http,
            ReactiveJwtDecoder internalTokenDecoder) {
        var problems = new SecurityProblems();
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable) // bearer tokens only: no cookies a browser would replay
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance()) // every request proves itself
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt
                                .jwtDecoder(internalTokenDecoder)
                                .jwtAuthenticationConverter(token -> Mono.just(
                                        new CallerAuthentication(CallerClaims.callerOf(token)))))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }
}

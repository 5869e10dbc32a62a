package io.missioncontrol.gateway.auth;

import io.missioncontrol.gateway.credentials.CredentialTable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Spring Security rather than a hand-written filter: bearer extraction (RFC 6750 parsing), the 401 path and the
 * reactive security context are solved there, and each way to sign in (admin token, agent key, OIDC JWT) is
 * a {@link BearerTokenAuthenticator} behind the same {@link AuthenticationWebFilter}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties({AdminTokenProperties.class, OidcProperties.class})
class SecurityConfiguration {

    private static final String API = "/api/**";

    /**
     * The admin token first (a constant-time comparison, no parsing), then agent keys (recognised by their
     * {@code mc_} prefix and shape, so other tokens pass on at once), then OIDC sign-in when configured. Also keeps
     * Boot from creating its default user with a generated password.
     */
    @Bean
    ReactiveAuthenticationManager bearerAuthenticationManager(AdminTokenProperties properties, OidcProperties oidc,
                                                              CredentialTable credentials) {
        String adminToken = AdminTokenPolicy.requireUsable(properties.adminToken());
        List<BearerTokenAuthenticator> methods = new ArrayList<>();
        methods.add(new AdminTokenAuthenticator(adminToken));
        methods.add(new AgentKeyAuthenticator(credentials, Clock.systemUTC()));
        if (oidc.enabled()) {
            methods.add(OidcAuthenticator.from(oidc));
        }
        return new BearerAuthenticationManager(methods);
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ReactiveAuthenticationManager authenticationManager) {
        var entryPoint = new ProblemAuthenticationEntryPoint();
        var bearer = new AuthenticationWebFilter(authenticationManager);
        bearer.setServerAuthenticationConverter(new ServerBearerTokenAuthenticationConverter());
        // Public paths ignore credentials, so a stale token in a probe never turns liveness into a 401.
        bearer.setRequiresAuthenticationMatcher(ServerWebExchangeMatchers.pathMatchers(API));
        var failure = new ServerAuthenticationEntryPointFailureHandler(entryPoint);
        // An identity provider that cannot be reached is the entry point's to answer (503), not an unexpected error.
        failure.setRethrowAuthenticationServiceException(false);
        bearer.setAuthenticationFailureHandler(failure);
        bearer.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());

        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable) // bearer tokens only: no cookies a browser would replay
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.GET, "/healthz", "/health").permitAll()
                        .pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .pathMatchers(API).authenticated()
                        // Should more endpoints ever be exposed, they stay closed until someone decides otherwise.
                        .pathMatchers("/actuator/**").denyAll()
                        // Nothing else exists: let it reach the dispatcher and become a 404 problem.
                        .anyExchange().permitAll())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint))
                .build();
    }
}

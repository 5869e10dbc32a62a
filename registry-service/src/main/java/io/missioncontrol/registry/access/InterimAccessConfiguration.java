package io.missioncontrol.registry.access;

import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.tenancy.Memberships;
import io.missioncontrol.platform.tenancy.TenantAccess;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * INTERIM, until the platform's membership replica (built from membership events) reaches registry-service: people
 * stand nowhere, so they see a 404 for every organization's agents; the administrator and an organization's own agents
 * pass, since every organization counts as live. Fails closed for people, never open. Remove this class when the
 * replica provides {@link TenantAccess} here.
 */
@Configuration(proxyBeanMethods = false)
class InterimAccessConfiguration {

    @Bean
    TenantAccess tenantAccess() {
        return new TenantAccess(new Memberships() {
            @Override
            public Mono<Standing> standing(UUID organizationId, Caller person) {
                return Mono.empty();
            }

            @Override
            public Mono<Boolean> isLive(UUID organizationId) {
                return Mono.just(true);
            }

            @Override
            public Mono<Void> bind(UUID organizationId, UUID memberId, Caller person) {
                return Mono.empty();
            }

            @Override
            public Flux<Invitation> invitations(Caller person) {
                return Flux.empty();
            }
        });
    }
}

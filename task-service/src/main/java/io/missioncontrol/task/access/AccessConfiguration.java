package io.missioncontrol.task.access;

import io.missioncontrol.platform.tenancy.TenantAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** task-service owns the memberships, so its access checks read them directly rather than a copy. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    @Bean
    TenantAccess tenantAccess(MembershipLookup memberships) {
        return new TenantAccess(memberships);
    }
}

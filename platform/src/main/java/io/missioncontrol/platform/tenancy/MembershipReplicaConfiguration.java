package io.missioncontrol.platform.tenancy;

import io.missioncontrol.platform.inbox.Inbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Access checks over the service's own copy of the memberships: what every business service gets, unless its
 * application class says {@code @MissionControlService(ownsMemberships = true)} (task-service) and declares its own
 * {@link TenantAccess}. Chosen by that attribute (see {@link MembershipReplicaSelector}), not by a missing-bean
 * condition, whose outcome would depend on the order in which configurations are read.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TenancyProperties.class)
public class MembershipReplicaConfiguration {

    @Bean
    MembershipReplica membershipReplica(DatabaseClient db) {
        return new MembershipReplica(db);
    }

    @Bean
    MembershipReplicaListener membershipReplicaListener(Inbox inbox, MembershipReplica replica,
                                                        @Value("${spring.application.name}") String serviceName) {
        return new MembershipReplicaListener(inbox, replica, serviceName + "-memberships");
    }

    @Bean
    TenantAccess tenantAccess(MembershipReplica replica, TenancyProperties properties) {
        return new TenantAccess(replica, properties.agentReadScope(), properties.agentWriteScope());
    }
}

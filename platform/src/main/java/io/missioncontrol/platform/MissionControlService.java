package io.missioncontrol.platform;

import io.missioncontrol.platform.security.InternalTokenSecurityConfiguration;
import io.missioncontrol.platform.tenancy.MembershipReplicaSelector;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * Marks a business service's application class: a Spring Boot application with the platform's event backbone,
 * internal-token security and problem+json errors. An explicit import rather than auto-configuration, so that
 * the gateway stays free of it when the local launcher puts every service on one classpath.
 *
 * <p>Every service gets {@link io.missioncontrol.platform.tenancy.TenantAccess} over its own copy of the memberships,
 * built from membership events; the one service that owns the memberships says so with {@link #ownsMemberships()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootApplication
@Import({PlatformConfiguration.class, InternalTokenSecurityConfiguration.class, MembershipReplicaSelector.class})
public @interface MissionControlService {

    @AliasFor(annotation = SpringBootApplication.class, attribute = "exclude")
    Class<?>[] exclude() default {};

    /**
     * True for the service that owns organizations and memberships (task-service): it gets no membership copy and
     * declares its own {@link io.missioncontrol.platform.tenancy.TenantAccess} over its own tables.
     */
    boolean ownsMemberships() default false;
}

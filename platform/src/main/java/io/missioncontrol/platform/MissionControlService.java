package io.missioncontrol.platform;

import io.missioncontrol.platform.security.InternalTokenSecurityConfiguration;
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
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootApplication
@Import({PlatformConfiguration.class, InternalTokenSecurityConfiguration.class})
public @interface MissionControlService {

    @AliasFor(annotation = SpringBootApplication.class, attribute = "exclude")
    Class<?>[] exclude() default {};
}

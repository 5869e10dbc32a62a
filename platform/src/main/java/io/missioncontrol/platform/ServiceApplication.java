package io.missioncontrol.platform;

import java.util.Map;
import org.springframework.boot.SpringApplication;

/** How each service builds its {@link SpringApplication}, in its own {@code main} and in the local launcher. */
public final class ServiceApplication {

    /**
     * Each service reads {@code <name>.yml} instead of {@code application.yml}: when the launcher puts every
     * service on one classpath, their configuration files must not shadow each other.
     */
    public static SpringApplication create(Class<?> applicationClass, String name) {
        SpringApplication application = new SpringApplication(applicationClass);
        application.setDefaultProperties(Map.of("spring.config.name", name));
        return application;
    }

    private ServiceApplication() {
    }
}

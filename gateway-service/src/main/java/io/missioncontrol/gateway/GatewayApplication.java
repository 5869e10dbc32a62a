package io.missioncontrol.gateway;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The only door for outside clients: authenticates every call and routes it to the service that owns the path. */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The gateway as an application the launcher can run next to the services, with its own arguments.
     *
     * <p>Its configuration file is {@code gateway-service.yml}: on a classpath shared with the services an
     * {@code application.yml} would be read by every one of them.
     */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(GatewayApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "gateway-service"));
        return application;
    }
}

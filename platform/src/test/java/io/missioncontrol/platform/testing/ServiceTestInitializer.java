package io.missioncontrol.platform.testing;

import io.missioncontrol.infra.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Points a service under test at the JVM's shared real Kafka and PostgreSQL (Testcontainers when Docker is
 * there, embedded otherwise) and at the test token key. The database is the service's own ({@code mc.database}).
 * A service's own test settings (a test key for its secrets, faster schedules) go into
 * {@code <spring.application.name>-test.properties} on its test classpath, which applies when present.
 */
public class ServiceTestInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var environment = context.getEnvironment();
        String database = environment.getRequiredProperty("mc.database");
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.shared().springProperties(database));
        properties.put("mc.internal-token.public-key", TestTokens.publicKeyPem());
        // Streams re-check their viewer's access every 30 s in production; tests should not wait that long to see it.
        properties.put("mc.stream.access-recheck", "1s");
        environment.getPropertySources().addFirst(new MapPropertySource("mission-control-test-infrastructure", properties));
        var own = new ClassPathResource(environment.getRequiredProperty("spring.application.name") + "-test.properties");
        if (own.exists()) {
            try {
                environment.getPropertySources().addFirst(new ResourcePropertySource(own));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

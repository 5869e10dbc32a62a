package io.missioncontrol.platform.testing;

import io.missioncontrol.infra.TestInfrastructure;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a service under test at the JVM's shared real Kafka and PostgreSQL (Testcontainers when Docker is
 * there, embedded otherwise) and at the test token key. The database is the service's own ({@code mc.database}).
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
    }
}

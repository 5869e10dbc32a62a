package io.missioncontrol.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestInfrastructureTest {

    @Test
    void everyCallReturnsTheSameStartedInfrastructure() {
        Infrastructure infrastructure = TestInfrastructure.shared();

        assertThat(TestInfrastructure.shared()).isSameAs(infrastructure);
    }

    @Test
    void springPropertiesPointAServiceAtARealBrokerAndDatabase() throws Exception {
        Infrastructure infrastructure = TestInfrastructure.shared();

        Map<String, String> properties = infrastructure.springProperties("inventory");

        assertThat(properties).containsOnlyKeys("spring.kafka.bootstrap-servers",
                "spring.r2dbc.url", "spring.r2dbc.username", "spring.r2dbc.password",
                "spring.flyway.url", "spring.flyway.user", "spring.flyway.password");
        assertThat(properties.get("spring.r2dbc.url")).startsWith("r2dbc:postgresql://").endsWith("/inventory");
        try (Connection connection = DriverManager.getConnection(properties.get("spring.flyway.url"),
                properties.get("spring.flyway.user"), properties.get("spring.flyway.password"));
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_database()")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("inventory");
        }
        String bootstrapServers = properties.get("spring.kafka.bootstrap-servers");
        KafkaTestClient.send(bootstrapServers, "inventory-events", "restocked");
        assertThat(KafkaTestClient.readAll(bootstrapServers, "inventory-events")).containsExactly("restocked");
    }
}

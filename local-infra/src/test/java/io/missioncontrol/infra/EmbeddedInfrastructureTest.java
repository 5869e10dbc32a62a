package io.missioncontrol.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfrastructureTest {

    @TempDir
    Path dataDirectory;

    @Test
    void theLocalRunKeepsRecordsAndRowsAcrossLauncherRestarts() throws Exception {
        int[] ports = FreePorts.allocate(3);
        Database database;
        try (EmbeddedInfrastructure infrastructure = startLocal(ports)) {
            database = infrastructure.database("missions");
            execute(database, "CREATE TABLE mission (name text)");
            execute(database, "INSERT INTO mission VALUES ('apollo')");
            KafkaTestClient.send(infrastructure.kafkaBootstrapServers(), "launches", "liftoff");
        }
        assertThat(dataDirectory.resolve("kafka/meta.properties")).exists();
        assertThat(dataDirectory.resolve("postgres/PG_VERSION")).exists();

        try (EmbeddedInfrastructure infrastructure = startLocal(ports)) {
            assertThat(infrastructure.database("missions")).isEqualTo(database);
            assertThat(queryOne(database, "SELECT name FROM mission")).isEqualTo("apollo");
            assertThat(KafkaTestClient.readAll(infrastructure.kafkaBootstrapServers(), "launches"))
                    .containsExactly("liftoff");
        }
    }

    private EmbeddedInfrastructure startLocal(int[] ports) {
        return EmbeddedInfrastructure.local(dataDirectory, ports[0], ports[1], ports[2]);
    }

    private static void execute(Database database, String sql) throws Exception {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String queryOne(Database database, String sql) throws Exception {
        try (Connection connection = connect(database);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }

    private static Connection connect(Database database) throws Exception {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}

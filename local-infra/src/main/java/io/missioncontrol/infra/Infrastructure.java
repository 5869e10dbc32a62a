package io.missioncontrol.infra;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running Kafka and a running PostgreSQL, however they were started. Services and tests depend on this interface
 * only, so the same test runs against in-process servers on a machine without Docker and against containers where
 * Docker exists.
 *
 * <p>The stop/start methods exist for fault tests ("the broker went away mid-load"): after a start, clients find the
 * server at the same address as before.
 */
public interface Infrastructure extends AutoCloseable {

    /** The {@code bootstrap.servers} value for Kafka clients. */
    String kafkaBootstrapServers();

    /** The connection details of a database, created first if it does not exist yet. */
    Database database(String name);

    void stopKafka();

    void startKafka();

    void stopPostgres();

    void startPostgres();

    /** Stops both servers for good. */
    @Override
    void close();

    /**
     * The Spring Boot properties that point one service at this infrastructure: Kafka, R2DBC for the service's own
     * queries, and Flyway (which migrates over JDBC and needs no DataSource). The database is created if missing.
     *
     * <p>Pass them with a precedence that beats the service's {@code application.yml}, such as {@code --key=value}
     * arguments or {@code @DynamicPropertySource}; {@code SpringApplicationBuilder.properties()} has the lowest.
     */
    default Map<String, String> springProperties(String databaseName) {
        Database database = database(databaseName);
        // Ordered, so the properties read well when logged or passed on as --key=value arguments.
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
        properties.put("spring.r2dbc.url", database.r2dbcUrl());
        properties.put("spring.r2dbc.username", database.username());
        properties.put("spring.r2dbc.password", database.password());
        properties.put("spring.flyway.url", database.jdbcUrl());
        properties.put("spring.flyway.user", database.username());
        properties.put("spring.flyway.password", database.password());
        return Collections.unmodifiableMap(properties);
    }
}

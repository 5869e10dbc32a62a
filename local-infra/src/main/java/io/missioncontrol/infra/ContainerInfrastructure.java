package io.missioncontrol.infra;

import com.github.dockerjava.api.DockerClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka and PostgreSQL in Docker containers (Testcontainers), for machines that have a Docker engine. The images
 * match the embedded servers: Kafka 4.1 and PostgreSQL 17, with the same single-node settings.
 *
 * <p>"Stopping" a server pauses its container rather than stopping it: a stopped container gets a new random host
 * port when it starts again, and clients must find the server at the same address. A paused server does not refuse
 * connections like a stopped one; clients see timeouts instead.
 *
 * <p>Only {@link TestInfrastructure} creates this class, and only after checking that Testcontainers (an optional
 * dependency) is on the class path.
 */
final class ContainerInfrastructure implements Infrastructure {

    private static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.1.2");
    private static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:17-alpine");

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;

    private ContainerInfrastructure(KafkaContainer kafka, PostgreSQLContainer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /** Asks the Docker engine (about 0.4 s when there is none); Testcontainers caches the answer. */
    static boolean dockerIsAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static ContainerInfrastructure start() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                // Testcontainers already sets the replication factors of the offsets and transaction topics to 1.
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_NUM_PARTITIONS", "3")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                // Replaces the default command, so it repeats Testcontainers' fsync=off.
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=300");
        Startables.deepStart(kafka, postgres).join();
        return new ContainerInfrastructure(kafka, postgres);
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public Database database(String name) {
        Databases.createIfMissing(jdbcUrl(postgres.getDatabaseName()), postgres.getUsername(), postgres.getPassword(),
                name);
        return new Database(name, jdbcUrl(name), "r2dbc:postgresql://" + address() + "/" + name,
                postgres.getUsername(), postgres.getPassword());
    }

    @Override
    public void stopKafka() {
        docker().pauseContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public void startKafka() {
        docker().unpauseContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public void stopPostgres() {
        docker().pauseContainerCmd(postgres.getContainerId()).exec();
    }

    @Override
    public void startPostgres() {
        docker().unpauseContainerCmd(postgres.getContainerId()).exec();
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
    }

    private DockerClient docker() {
        return kafka.getDockerClient();
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + address() + "/" + database;
    }

    private String address() {
        return postgres.getHost() + ":" + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    @Override
    public String toString() {
        return "ContainerInfrastructure[kafka=" + kafkaBootstrapServers() + ", postgres=" + address() + "]";
    }
}

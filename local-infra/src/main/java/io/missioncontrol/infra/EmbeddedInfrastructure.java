package io.missioncontrol.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KafkaBroker} in this JVM and a {@link Postgres} process, both real servers without Docker. The factories
 * return them started; a shutdown hook closes them if the owner does not.
 *
 * <p>An owner that runs services on top (the launcher) should call {@link #close()} itself after stopping them: the
 * JVM runs shutdown hooks in no particular order, so relying on the hook can pull the servers away under services
 * that are still shutting down.
 */
public final class EmbeddedInfrastructure implements Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private final KafkaBroker kafka;
    private final Postgres postgres;
    /** Deleted on close; {@code null} when the data must outlive this JVM. */
    private final Path temporaryDirectory;
    private final Thread shutdownHook = new Thread(this::shutDown, "embedded-infrastructure-shutdown");
    private volatile Runnable beforeShutdown = () -> { };
    private boolean closed;

    private EmbeddedInfrastructure(KafkaBroker kafka, Postgres postgres, Path temporaryDirectory) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.temporaryDirectory = temporaryDirectory;
    }

    /**
     * The servers of the local run: fixed ports, so services can be configured once, and data under
     * {@code dataDirectory/kafka} and {@code dataDirectory/postgres} that survives restarts of the launcher.
     */
    public static EmbeddedInfrastructure local(Path dataDirectory, int postgresPort, int kafkaPort,
                                               int kafkaControllerPort) {
        return start(new KafkaBroker(dataDirectory.resolve("kafka"), kafkaPort, kafkaControllerPort),
                new Postgres(dataDirectory.resolve("postgres"), postgresPort), null);
    }

    /**
     * Throwaway servers for tests: free ports, and a fresh directory under {@code java.io.tmpdir} (which the build
     * points at {@code target/}) that is deleted on close.
     */
    static EmbeddedInfrastructure temporary() {
        Path directory;
        try {
            // Read java.io.tmpdir now: the JDK caches it on first use, before surefire has pointed it at target/.
            Path temporaryFiles = Path.of(System.getProperty("java.io.tmpdir"));
            directory = Files.createTempDirectory(temporaryFiles, "mission-control-infra-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a directory for the test servers", e);
        }
        int[] ports = FreePorts.allocate(3);
        return start(new KafkaBroker(directory.resolve("kafka"), ports[0], ports[1]),
                new Postgres(directory.resolve("postgres"), ports[2]), directory);
    }

    private static EmbeddedInfrastructure start(KafkaBroker kafka, Postgres postgres, Path temporaryDirectory) {
        EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(kafka, postgres, temporaryDirectory);
        Runtime.getRuntime().addShutdownHook(infrastructure.shutdownHook);
        try {
            // PostgreSQL starts as a separate process and mostly needs waiting for, so it starts on its own thread
            // while Kafka, which needs the CPU, starts on this one.
            CompletableFuture<Void> postgresStarted =
                    CompletableFuture.runAsync(postgres::start, task -> new Thread(task, "postgres-start").start());
            kafka.start();
            postgresStarted.join();
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        log.info("Kafka at {} and PostgreSQL at localhost:{} are ready", kafka.bootstrapServers(), postgres.port());
        return infrastructure;
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public Database database(String name) {
        postgres.createDatabaseIfMissing(name);
        return new Database(name, postgres.jdbcUrl(name), postgres.r2dbcUrl(name), postgres.username(),
                postgres.password());
    }

    @Override
    public void stopKafka() {
        kafka.stop();
    }

    @Override
    public void startKafka() {
        kafka.start();
    }

    @Override
    public void stopPostgres() {
        postgres.stop();
    }

    @Override
    public void startPostgres() {
        postgres.start();
    }

    /**
     * Work the JVM's shutdown must do before the servers stop, such as closing the applications that use them.
     * One hook does both in order: separate hooks would run concurrently, and the servers could go first.
     */
    public void beforeShutdown(Runnable work) {
        this.beforeShutdown = work;
    }

    private void shutDown() {
        try {
            beforeShutdown.run();
        } finally {
            close();
        }
    }

    /** Stops Kafka, then PostgreSQL, and deletes the files of {@link #temporary()} servers. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            kafka.stop();
        } finally {
            postgres.close();
            deleteTemporaryDirectory();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmIsShuttingDown) {
            // Called from the hook itself, or while hooks run: nothing left to deregister.
        }
    }

    private void deleteTemporaryDirectory() {
        if (temporaryDirectory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(temporaryDirectory)) {
            // Deepest first, so every directory is empty by the time it is deleted.
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.warn("Could not delete {}", temporaryDirectory, e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedInfrastructure[kafka=" + kafka.bootstrapServers() + ", postgres=localhost:" + postgres.port()
                + "]";
    }
}

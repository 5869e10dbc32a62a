package io.missioncontrol.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.Server;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft: broker and controller in one node) running inside this JVM from the Apache Kafka
 * jars, so that the local run and the integration tests need no Docker engine.
 *
 * <p>The broker can be stopped and started again on the same ports and data directory, which is how tests simulate
 * "the broker went away mid-load". The storage is formatted only once: a restart, in this JVM or the next one, finds
 * {@code meta.properties} and keeps the cluster id and every record.
 *
 * <p>Kafka logs a lot at INFO through SLF4J under the loggers {@code kafka}, {@code org.apache.kafka} and
 * {@code state.change.logger}. Logging is JVM-wide, so this class leaves levels alone: set those loggers to WARN in the
 * application's logging configuration.
 */
public final class KafkaBroker {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    /** The only node of the cluster; it is both broker and controller. */
    private static final int NODE_ID = 1;

    private final Path dataDirectory;
    private final int brokerPort;
    private final int controllerPort;
    private Server server;

    /**
     * @param dataDirectory  where the logs and the KRaft metadata live; created and formatted on the first start
     * @param brokerPort     the port clients connect to
     * @param controllerPort the port of the KRaft controller listener (nothing but the broker itself talks to it)
     */
    public KafkaBroker(Path dataDirectory, int brokerPort, int controllerPort) {
        this.dataDirectory = dataDirectory.toAbsolutePath();
        this.brokerPort = FreePorts.requireValid(brokerPort);
        this.controllerPort = FreePorts.requireValid(controllerPort);
        if (brokerPort == controllerPort) {
            throw new IllegalArgumentException("The broker and the controller need different ports: " + brokerPort);
        }
    }

    /** Starts the broker and returns once it accepts clients. Does nothing when it is already running. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        long startedAt = System.nanoTime();
        formatStorageUnlessFormatted();
        // KafkaRaftServer blocks in startup() until the broker has caught up with the metadata and has been unfenced,
        // so a client connecting right after this method returns can produce and consume.
        Server starting = new KafkaRaftServer(new KafkaConfig(settings(), false), Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            // A half-started server holds ports and non-daemon threads; release them before reporting the failure.
            shutDown(starting, e);
            throw e;
        }
        server = starting;
        log.info("Kafka broker started on {} in {} ms (data in {})",
                bootstrapServers(), (System.nanoTime() - startedAt) / 1_000_000, dataDirectory);
    }

    /** Shuts the broker down cleanly and waits until its threads have ended. Does nothing when it is not running. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long stoppingAt = System.nanoTime();
        Server stopping = server;
        server = null;
        shutDown(stopping, null);
        log.info("Kafka broker on {} stopped in {} ms",
                bootstrapServers(), (System.nanoTime() - stoppingAt) / 1_000_000);
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The {@code bootstrap.servers} value for clients; the same before and after a restart. */
    public String bootstrapServers() {
        return "localhost:" + brokerPort;
    }

    private static void shutDown(Server server, RuntimeException failure) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    /**
     * KRaft refuses to start on unformatted storage, and the format command refuses storage that is formatted already.
     * Formatting writes {@code meta.properties}, holding the cluster id, so its presence tells a restart (which must
     * keep that id, or the node would not accept its own logs) from a first start.
     */
    private void formatStorageUnlessFormatted() {
        if (Files.exists(dataDirectory.resolve("meta.properties"))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        Path configFile = null;
        // StorageTool prints its progress; keep it for the log instead of letting it reach the console.
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            Files.createDirectories(dataDirectory);
            // The format command reads the node's configuration from a file, so write one and delete it afterwards.
            // (Read java.io.tmpdir now: the JDK caches it on first use, before a test runner may have changed it.)
            Path temporaryFiles = Path.of(System.getProperty("java.io.tmpdir"));
            configFile = Files.createTempFile(temporaryFiles, "kafka-format-", ".properties");
            try (Writer writer = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
                settings().store(writer, "Kafka node settings for the storage format command");
            }
            String[] command = {"format", "--config", configFile.toString(), "--cluster-id", clusterId};
            int exitCode = StorageTool.execute(command, new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exitCode != 0) {
                throw new IllegalStateException("Formatting the Kafka storage in " + dataDirectory + " failed: "
                        + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not format the Kafka storage in " + dataDirectory, e);
        } finally {
            deleteQuietly(configFile);
        }
        log.info("Formatted the Kafka storage in {} with cluster id {}", dataDirectory, clusterId);
        log.debug("Kafka storage tool: {}", output.toString(StandardCharsets.UTF_8).trim());
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("Could not delete {}", file, e);
        }
    }

    private Properties settings() {
        Properties settings = new Properties();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", String.valueOf(NODE_ID));
        // A static quorum of one voter: nothing to bootstrap, and the node elects itself at once.
        settings.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        // Bound to the loopback interface only: this is a development broker without any security.
        settings.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
        settings.put("log.dirs", dataDirectory.toString());

        // One node cannot hold more than one replica; the defaults (3 replicas, 2 in sync) would make the internal
        // topics impossible to create, and consumer groups, transactions or share groups would hang.
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        settings.put("default.replication.factor", "1");
        settings.put("min.insync.replicas", "1");
        // 50 partitions each (the default) make the first consumer group or transaction noticeably slow to start.
        settings.put("offsets.topic.num.partitions", "5");
        settings.put("transaction.state.log.num.partitions", "5");

        // Services rely on topics appearing on first use, with some partitions to spread the keys.
        settings.put("auto.create.topics.enable", "true");
        settings.put("num.partitions", "3");
        // Waiting for more members only makes sense with many consumers joining at once; tests want the first
        // rebalance now.
        settings.put("group.initial.rebalance.delay.ms", "0");

        // A development machine: small segments, one day of retention.
        settings.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        settings.put("log.retention.hours", "24");
        // The log cleaner allocates this buffer up front (128 MB by default) for compacted topics like the offsets.
        settings.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        // Few threads: there are few clients, and the machine may have two cores shared with PostgreSQL and services.
        settings.put("num.network.threads", "2");
        settings.put("num.io.threads", "2");
        settings.put("background.threads", "2");
        settings.put("num.recovery.threads.per.data.dir", "1");
        return settings;
    }
}

package io.missioncontrol.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka and one PostgreSQL for all integration tests of a JVM (a test fork), started on first use: starting them
 * per test class would cost seconds each time. Tests keep apart by using their own database names and topics, and a
 * fault test that stops a server starts it again (in a {@code finally}) before the next test needs it.
 *
 * <p>Containers are used where a Docker engine answers; otherwise the embedded servers, on free ports with their
 * files under {@code java.io.tmpdir}. Both are closed by a shutdown hook when the JVM exits.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    private static Infrastructure shared;

    private TestInfrastructure() {
    }

    /**
     * The JVM-wide infrastructure, started by the first call; every call returns the same instance. If starting
     * fails, the next call tries again (and reports its own failure, not a puzzling NoClassDefFoundError).
     */
    public static synchronized Infrastructure shared() {
        if (shared == null) {
            shared = startInfrastructure();
        }
        return shared;
    }

    private static Infrastructure startInfrastructure() {
        long startedAt = System.nanoTime();
        Infrastructure infrastructure;
        if (dockerIsAvailable()) {
            infrastructure = ContainerInfrastructure.start();
            Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "test-infrastructure-shutdown"));
        } else {
            // Registers its own shutdown hook.
            infrastructure = EmbeddedInfrastructure.temporary();
        }
        log.info("Test infrastructure: {} (started in {} ms)",
                infrastructure, (System.nanoTime() - startedAt) / 1_000_000);
        return infrastructure;
    }

    /**
     * Testcontainers is an optional dependency: without it on the class path, loading {@link ContainerInfrastructure}
     * would fail, so look for Testcontainers by name first. This class itself never names a Testcontainers type.
     */
    private static boolean dockerIsAvailable() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, TestInfrastructure.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            log.info("Testcontainers is not on the class path; using embedded Kafka and PostgreSQL");
            return false;
        }
        if (!ContainerInfrastructure.dockerIsAvailable()) {
            log.info("No Docker engine found; using embedded Kafka and PostgreSQL");
            return false;
        }
        log.info("Docker engine found; using Kafka and PostgreSQL containers");
        return true;
    }
}

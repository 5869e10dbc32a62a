package io.missioncontrol.launcher;

import io.missioncontrol.infra.EmbeddedInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local run: a real Kafka broker and a real PostgreSQL in this JVM's process tree, then the four services
 * and the gateway on http://localhost:8080. Data lives in {@code MC_HOME} (default {@code .mc-local}); delete
 * that folder to start from scratch. Ctrl-C stops everything in order: gateway, services, Kafka, PostgreSQL.
 */
public final class Launcher {

    private static final Logger log = LoggerFactory.getLogger("mission-control");

    public static void main(String[] args) throws Exception {
        Instant begin = Instant.now();
        Path home = Path.of(env("MC_HOME", ".mc-local")).toAbsolutePath();
        int gatewayPort = Integer.parseInt(env("MC_PORT", "8080"));
        LocalSecrets secrets = LocalSecrets.loadOrCreate(home, System.getenv("MC_ADMIN_TOKEN"));

        EmbeddedInfrastructure infra = EmbeddedInfrastructure.local(home,
                Integer.parseInt(env("MC_POSTGRES_PORT", "15432")),
                Integer.parseInt(env("MC_KAFKA_PORT", "19092")),
                Integer.parseInt(env("MC_KAFKA_CONTROLLER_PORT", "19093")));
        LocalStack stack;
        try {
            stack = LocalStack.start(infra, new LocalStack.Settings(secrets.adminToken(), secrets.privateKeyPem(),
                    secrets.publicKeyPem(), gatewayPort, true, secrets.registrySecretKey()));
        } catch (RuntimeException e) {
            log.error("Mission Control failed to start", e);
            infra.close();
            // Kafka's non-daemon threads would keep a half-started JVM alive.
            System.exit(1);
            return;
        }
        infra.beforeShutdown(() -> {
            log.info("Stopping Mission Control");
            stack.close();
        });

        // A token the user set is not echoed back; a generated one must be shown, or nobody could use it.
        boolean fromEnvironment = System.getenv("MC_ADMIN_TOKEN") != null && !System.getenv("MC_ADMIN_TOKEN").isBlank();
        String token = fromEnvironment ? "$MC_ADMIN_TOKEN" : secrets.adminToken();
        log.info("""

                Mission Control is up on {} after {} s. Data: {} (delete it to reset).
                Admin token: {}
                Try:
                  curl -H "Authorization: Bearer {}" {}/api/organizations
                  curl -H "Authorization: Bearer {}" -H 'Content-Type: application/json' \\
                       -d '{"name":"Acme","description":"First tenant"}' {}/api/organizations
                Ctrl-C stops everything.""",
                stack.gatewayUrl(), Duration.between(begin, Instant.now()).toMillis() / 1000.0, home,
                fromEnvironment ? "from MC_ADMIN_TOKEN" : token + "  (kept in " + home.resolve("admin-token") + ")",
                token, stack.gatewayUrl(), token, stack.gatewayUrl());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private Launcher() {
    }
}

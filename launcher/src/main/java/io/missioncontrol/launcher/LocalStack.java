package io.missioncontrol.launcher;

import io.missioncontrol.approval.ApprovalServiceApplication;
import io.missioncontrol.gateway.GatewayApplication;
import io.missioncontrol.infra.Infrastructure;
import io.missioncontrol.registry.RegistryServiceApplication;
import io.missioncontrol.task.TaskServiceApplication;
import io.missioncontrol.telemetry.TelemetryServiceApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The four business services and the gateway as Spring applications in this JVM, on a given Kafka and
 * PostgreSQL. Used by the local run and by the end-to-end tests, so both exercise the same wiring.
 *
 * <p>Every application sees every other's jars on this shared classpath, so each gets arguments that switch
 * off what belongs to another (see docs/decisions/0002-one-jvm-local-run.md). Arguments are passed as
 * {@code --key=value}: they outrank every configuration file.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /** A business service: how to build it, its database, and its port in the local run. */
    public enum Service {
        REGISTRY("registry", 8081, RegistryServiceApplication::application),
        TASK("task", 8082, TaskServiceApplication::application),
        APPROVAL("approval", 8083, ApprovalServiceApplication::application),
        TELEMETRY("telemetry", 8084, TelemetryServiceApplication::application);

        final String database;
        final int localPort;
        final Supplier<SpringApplication> application;

        Service(String database, int localPort, Supplier<SpringApplication> application) {
            this.database = database;
            this.localPort = localPort;
            this.application = application;
        }
    }

    /**
     * @param adminToken       the gateway's admin token
     * @param privateKeyPem    the gateway's key for signing internal tokens
     * @param publicKeyPem     the matching public key, with which every service verifies them
     * @param gatewayPort      8080 locally; 0 for a free port in tests
     * @param fixedServicePorts whether services listen on 8081–8084 (local run) or free ports (tests)
     * @param registrySecretKey the key (base64, 32 bytes) registry-service seals runtime tokens with
     */
    public record Settings(String adminToken, String privateKeyPem, String publicKeyPem, int gatewayPort,
                           boolean fixedServicePorts, String registrySecretKey) {
    }

    private final Map<Service, ConfigurableApplicationContext> services;
    private final ConfigurableApplicationContext gateway;

    private LocalStack(Map<Service, ConfigurableApplicationContext> services, ConfigurableApplicationContext gateway) {
        this.services = services;
        this.gateway = gateway;
    }

    /** Starts the services side by side, then the gateway in front of them. */
    public static LocalStack start(Infrastructure infra, Settings settings) {
        // Logging is JVM-global, but every Spring application would re-initialise it as it starts, and several
        // starting side by side race while doing so. Logback configures itself once from the launcher's logback.xml.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        Map<Service, ConfigurableApplicationContext> started = new LinkedHashMap<>();
        ExecutorService starter = Executors.newFixedThreadPool(Service.values().length);
        try {
            Map<Service, CompletableFuture<ConfigurableApplicationContext>> starting = new LinkedHashMap<>();
            for (Service service : Service.values()) {
                starting.put(service, CompletableFuture.supplyAsync(() -> run(service.application.get(),
                        serviceArguments(service, infra, settings)), starter));
            }
            List<Throwable> failures = new ArrayList<>();
            starting.forEach((service, future) -> {
                try {
                    started.put(service, future.join());
                } catch (RuntimeException e) {
                    failures.add(e.getCause() != null ? e.getCause() : e);
                }
            });
            if (!failures.isEmpty()) {
                new LocalStack(started, null).close();
                IllegalStateException failure = new IllegalStateException("A service failed to start", failures.get(0));
                failures.stream().skip(1).forEach(failure::addSuppressed);
                throw failure;
            }
            ConfigurableApplicationContext gateway;
            try {
                gateway = run(GatewayApplication.application(), gatewayArguments(started, infra, settings));
            } catch (RuntimeException e) {
                new LocalStack(started, null).close();
                throw e;
            }
            return new LocalStack(started, gateway);
        } finally {
            starter.shutdown();
        }
    }

    public String gatewayUrl() {
        return "http://localhost:" + port(gateway);
    }

    public ConfigurableApplicationContext context(Service service) {
        return services.get(service);
    }

    /** Gateway first, so no request reaches a service that is going away; then the services. */
    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        services.values().forEach(ConfigurableApplicationContext::close);
    }

    private static ConfigurableApplicationContext run(SpringApplication application, List<String> arguments) {
        // The launcher closes every context itself, in order, from its own shutdown hook.
        application.setRegisterShutdownHook(false);
        List<String> all = new ArrayList<>(arguments);
        all.add("--spring.main.banner-mode=off");
        return application.run(all.toArray(String[]::new));
    }

    private static List<String> serviceArguments(Service service, Infrastructure infra, Settings settings) {
        List<String> arguments = new ArrayList<>();
        infra.springProperties(service.database).forEach((key, value) -> arguments.add("--" + key + "=" + value));
        arguments.add("--server.port=" + (settings.fixedServicePorts() ? service.localPort : 0));
        arguments.add("--mc.internal-token.public-key=" + settings.publicKeyPem());
        // The gateway's jars are on this classpath too; its auto-configuration has no business in a service.
        arguments.add("--spring.cloud.gateway.server.webflux.enabled=false");
        // Five applications share one PostgreSQL server: keep each pool small.
        arguments.add("--spring.r2dbc.pool.max-size=8");
        if (service == Service.REGISTRY) {
            arguments.add("--mc.registry.secrets.active-key-id=local");
            arguments.add("--mc.registry.secrets.keys.local=" + settings.registrySecretKey());
            // Runtimes of a local run usually listen on this machine, which production refuses (decision 0015).
            arguments.add("--mc.registry.runtimes.allowed-networks=127.0.0.0/8,::1,localhost");
        }
        return arguments;
    }

    private static List<String> gatewayArguments(Map<Service, ConfigurableApplicationContext> services,
                                                 Infrastructure infra, Settings settings) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--server.port=" + settings.gatewayPort());
        // The gateway's credential cache reads agent keys from Kafka (mc.credentials, created by the services).
        arguments.add("--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers());
        arguments.add("--mc.gateway.admin-token=" + settings.adminToken());
        arguments.add("--mc.internal-token.private-key=" + settings.privateKeyPem());
        services.forEach((service, context) -> arguments.add(
                "--mc.gateway.services." + service.name().toLowerCase() + "=http://localhost:" + port(context)));
        return arguments;
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }
}

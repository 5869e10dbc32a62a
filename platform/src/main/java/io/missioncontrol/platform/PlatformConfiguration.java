package io.missioncontrol.platform;

import io.missioncontrol.platform.inbox.Inbox;
import io.missioncontrol.platform.kafka.KafkaConfiguration;
import io.missioncontrol.platform.kafka.MessagingProperties;
import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.outbox.OutboxProperties;
import io.missioncontrol.platform.outbox.OutboxRelay;
import io.missioncontrol.platform.web.ProblemHandler;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.flywaydb.core.Flyway;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The beans every business service shares; imported through {@link MissionControlService}. */
@Configuration(proxyBeanMethods = false)
@EnableKafka
@EnableConfigurationProperties(OutboxProperties.class)
@Import({KafkaConfiguration.class, ProblemHandler.class})
public class PlatformConfiguration {

    /** Microsecond ticks: what PostgreSQL stores, so a created object reads back exactly as it was answered. */
    @Bean
    java.time.Clock clock() {
        return java.time.Clock.tick(java.time.Clock.systemUTC(), java.time.Duration.ofNanos(1_000));
    }

    /**
     * Request bodies are read strictly where leniency would hide a client's mistake: a number or a boolean where the
     * API expects text is refused ({@code "name": 7} is not the name "7"), as is a missing value for a primitive.
     */
    @Bean
    JsonMapperBuilderCustomizer strictRequestBodies() {
        return builder -> builder
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    @Bean
    Outbox outbox(DatabaseClient db, @Value("${spring.application.name}") String serviceName) {
        return new Outbox(db, serviceName);
    }

    @Bean
    OutboxRelay outboxRelay(R2dbcConnectionDetails connection, DatabaseClient db,
                            KafkaTemplate<String, byte[]> kafka, OutboxProperties properties) {
        // The relay's LISTEN connection is its own, outside the pool: it lives as long as the relay's lock.
        ConnectionFactoryOptions options = connection.getConnectionFactoryOptions();
        if ("pool".equals(options.getValue(ConnectionFactoryOptions.DRIVER))) {
            options = options.mutate()
                    .option(ConnectionFactoryOptions.DRIVER, (String) options.getRequiredValue(ConnectionFactoryOptions.PROTOCOL))
                    .option(ConnectionFactoryOptions.PROTOCOL, "")
                    .build();
        }
        return new OutboxRelay(ConnectionFactories.get(options), db, kafka, properties);
    }

    /** The outbox's health on /actuator/prometheus: a growing backlog means Kafka is away or the relay is stuck. */
    @Bean
    MeterBinder outboxMetrics(OutboxRelay relay) {
        return registry -> {
            Gauge.builder("mc.outbox.backlog", relay, OutboxRelay::backlog)
                    .description("Outbox rows not yet acknowledged by Kafka").register(registry);
            FunctionCounter.builder("mc.outbox.published", relay, OutboxRelay::published)
                    .description("Outbox rows published by this replica").register(registry);
            Gauge.builder("mc.outbox.leader", relay, r -> r.isLeader() ? 1 : 0)
                    .description("1 while this replica is the active outbox relay").register(registry);
        };
    }

    @Bean
    Inbox inbox(DatabaseClient db, TransactionalOperator transactions, MessagingProperties messaging) {
        return new Inbox(db, transactions, messaging.handlerTimeout());
    }

    /**
     * Migrates the platform's own tables (outbox, processed events) with a separate history table, then the
     * service's migrations: the platform can add a migration without touching any service's version line.
     */
    @Bean
    FlywayMigrationStrategy platformThenServiceMigrations() {
        return flyway -> {
            Flyway.configure()
                    .configuration(flyway.getConfiguration())
                    .locations("classpath:db/platform")
                    .table("mc_platform_schema_history")
                    .baselineOnMigrate(false)
                    .load()
                    .migrate();
            // The platform's tables are already there, so the service's history starts from an empty baseline.
            Flyway.configure()
                    .configuration(flyway.getConfiguration())
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        };
    }
}

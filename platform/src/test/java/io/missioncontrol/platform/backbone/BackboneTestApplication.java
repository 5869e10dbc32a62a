package io.missioncontrol.platform.backbone;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.organization.OrganizationCreated;
import io.missioncontrol.platform.MissionControlService;
import io.missioncontrol.platform.ServiceApplication;
import io.missioncontrol.platform.inbox.Inbox;
import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.tenancy.TenantAccess;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A minimal service on the event backbone: writes widgets with their events, and consumes those events. Like every
 * service that does not own the memberships, it checks access over its copy of them without declaring anything.
 */
@MissionControlService
public class BackboneTestApplication {

    public static void main(String[] args) {
        ServiceApplication.create(BackboneTestApplication.class, "backbone-test").run(args);
    }

    @Component
    static class Widgets {

        private final DatabaseClient db;
        private final Outbox outbox;

        Widgets(DatabaseClient db, Outbox outbox) {
            this.db = db;
            this.outbox = outbox;
        }

        /** The state change and its event, in one transaction. */
        @Transactional
        public Mono<UUID> create(String name) {
            UUID id = UUID.randomUUID();
            return db.sql("INSERT INTO widget (id, name, version) VALUES (:id, :name, 0)")
                    .bind("id", id).bind("name", name).then()
                    .then(outbox.append(new OrganizationCreated(id, name, null, 0)))
                    .thenReturn(id);
        }

        /** Like create, but the transaction fails after the event was appended. */
        @Transactional
        public Mono<UUID> createAndFail(String name) {
            return create(name).then(Mono.error(new IllegalStateException("rolled back on purpose")));
        }
    }

    @Component
    static class WidgetListener {

        static final String CONSUMER = "backbone-test";

        private final Inbox inbox;
        private final DatabaseClient db;

        WidgetListener(Inbox inbox, DatabaseClient db) {
            this.inbox = inbox;
            this.db = db;
        }

        @KafkaListener(id = CONSUMER, groupId = CONSUMER, topics = Topics.ORGANIZATIONS)
        void on(ConsumerRecord<String, byte[]> record) {
            inbox.handle(CONSUMER, record, event -> {
                if (!(event.data() instanceof OrganizationCreated widget)) {
                    return Mono.empty();
                }
                if (widget.name().startsWith("poison")) {
                    return Mono.error(new IllegalStateException("cannot digest " + widget.name()));
                }
                return db.sql("INSERT INTO effect (event_id, name) VALUES (:eventId, :name)")
                        .bind("eventId", event.id()).bind("name", widget.name()).then();
            });
        }
    }

    /** Endpoints that only check access, to see the membership copy answer. */
    @RestController
    static class OrganizationProbe {

        private final TenantAccess access;

        OrganizationProbe(TenantAccess access) {
            this.access = access;
        }

        @GetMapping("/api/organizations/{id}")
        Mono<Map<String, String>> read(@PathVariable UUID id) {
            return access.requireRead(id, "organization", id).map(caller -> Map.of("subject", caller.subject()));
        }

        @PostMapping("/api/organizations/{id}/writes")
        Mono<Map<String, String>> write(@PathVariable UUID id) {
            return access.requireWrite(id, "organization", id).map(caller -> Map.of("subject", caller.subject()));
        }

        @GetMapping("/api/my-organizations")
        Mono<List<UUID>> mine() {
            return Caller.current().flatMapMany(access::organizationsOf).collectList();
        }
    }
}

package io.missioncontrol.platform.tenancy;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.platform.inbox.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Keeps the service's {@link MembershipReplica} up to date from {@code mc.organizations}, each event applied once.
 * The consumer group is the service's own ({@code <spring.application.name>-memberships}): every service reads every
 * membership event.
 */
class MembershipReplicaListener {

    private final Inbox inbox;
    private final MembershipReplica replica;
    private final String consumer;

    MembershipReplicaListener(Inbox inbox, MembershipReplica replica, String consumer) {
        this.inbox = inbox;
        this.replica = replica;
        this.consumer = consumer;
    }

    @KafkaListener(id = "${spring.application.name}-memberships", groupId = "${spring.application.name}-memberships",
            topics = Topics.ORGANIZATIONS)
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.handle(consumer, record, event -> replica.apply(event.data()));
    }
}

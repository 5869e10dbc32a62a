package io.missioncontrol.approval.agents;

import io.missioncontrol.platform.inbox.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps {@code known_agent} up to date from {@code mc.agents}, each event applied once. */
@Component
class KnownAgentListener {

    static final String CONSUMER = "approval-known-agents";

    private final Inbox inbox;
    private final KnownAgents agents;

    KnownAgentListener(Inbox inbox, KnownAgents agents) {
        this.inbox = inbox;
        this.agents = agents;
    }

    @KafkaListener(id = CONSUMER, groupId = CONSUMER, topics = "#{T(io.missioncontrol.contracts.Topics).AGENTS}")
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.handle(CONSUMER, record, event -> agents.apply(event.data()));
    }
}

package io.missioncontrol.task.agents;

import io.missioncontrol.platform.inbox.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Keeps {@code known_agent} up to date from {@code mc.agents}, each event applied once. */
@Component
class KnownAgentListener {

    static final String CONSUMER = "task-known-agents";

    private final Inbox inbox;
    private final KnownAgents agents;

    KnownAgentListener(Inbox inbox, KnownAgents agents) {
        this.inbox = inbox;
        this.agents = agents;
    }

    @KafkaListener(id = CONSUMER, groupId = "task-known-agents", topics = "#{T(io.missioncontrol.contracts.Topics).AGENTS}")
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.handle(CONSUMER, record, event -> KnownAgent.from(event.data()).map(agents::apply).orElse(Mono.empty()));
    }
}

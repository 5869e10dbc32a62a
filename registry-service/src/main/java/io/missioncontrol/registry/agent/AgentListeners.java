package io.missioncontrol.registry.agent;

import io.missioncontrol.contracts.agent.AgentWentOffline;
import io.missioncontrol.contracts.agent.AgentWentOnline;
import io.missioncontrol.platform.inbox.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the registry learns from other services: presence from telemetry ({@code mc.presence}), board leads and task
 * assignments from task-service ({@code mc.boards}, {@code mc.tasks}). Each event is applied once (the inbox) and
 * only when newer than what is stored. Presence is telemetry's news, already published: it changes the agent's row
 * but is no event of the registry's.
 */
@Component
class AgentListeners {

    static final String PRESENCE = "registry-agent-presence";
    static final String WORK = "registry-agent-work";

    private final Inbox inbox;
    private final AgentStore agents;
    private final AgentWork work;

    AgentListeners(Inbox inbox, AgentStore agents, AgentWork work) {
        this.inbox = inbox;
        this.agents = agents;
        this.work = work;
    }

    @KafkaListener(id = PRESENCE, groupId = PRESENCE, topics = "#{T(io.missioncontrol.contracts.Topics).PRESENCE}")
    void onPresence(ConsumerRecord<String, byte[]> record) {
        inbox.handle(PRESENCE, record, event -> {
            if (event.data() instanceof AgentWentOnline online) {
                return agents.presence(online.agentId(), true, online.lastSeenAt(), online.version());
            }
            if (event.data() instanceof AgentWentOffline offline) {
                return agents.presence(offline.agentId(), false, offline.lastSeenAt(), offline.version());
            }
            return Mono.empty();
        });
    }

    @KafkaListener(id = WORK, groupId = WORK, topics = {"#{T(io.missioncontrol.contracts.Topics).BOARDS}",
            "#{T(io.missioncontrol.contracts.Topics).TASKS}"})
    void onWork(ConsumerRecord<String, byte[]> record) {
        inbox.handle(WORK, record, event -> work.apply(event.data()));
    }
}

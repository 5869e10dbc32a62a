package io.missioncontrol.registry.agent;

import io.missioncontrol.contracts.agent.AgentWentOffline;
import io.missioncontrol.contracts.agent.AgentWentOnline;
import io.missioncontrol.contracts.budget.BudgetExceeded;
import io.missioncontrol.platform.inbox.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the registry learns from other services: presence from telemetry ({@code mc.presence}), board leads and task
 * assignments from task-service ({@code mc.boards}, {@code mc.tasks}), exceeded budgets that pause an agent from
 * telemetry ({@code mc.budgets}). Each event is applied once (the inbox) and
 * only when newer than what is stored. Presence is telemetry's news, already published: it changes the agent's row
 * but is no event of the registry's.
 */
@Component
class AgentListeners {

    static final String PRESENCE = "registry-agent-presence";
    static final String WORK = "registry-agent-work";
    static final String BUDGETS = "registry-agent-budgets";

    private final Inbox inbox;
    private final AgentStore agents;
    private final AgentWork work;
    private final AgentService service;

    AgentListeners(Inbox inbox, AgentStore agents, AgentWork work, AgentService service) {
        this.inbox = inbox;
        this.agents = agents;
        this.work = work;
        this.service = service;
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

    /** Telemetry decided the agent's own budget is exceeded and asks for a pause ({@code pause_agent}). */
    @KafkaListener(id = BUDGETS, groupId = BUDGETS, topics = "#{T(io.missioncontrol.contracts.Topics).BUDGETS}")
    void onBudget(ConsumerRecord<String, byte[]> record) {
        inbox.handle(BUDGETS, record, event -> {
            if (event.data() instanceof BudgetExceeded exceeded && exceeded.pauseAgent()
                    && exceeded.agentId() != null) {
                return service.pauseForBudget(exceeded.agentId(), exceeded.organizationId(), exceeded.budgetId())
                        .then();
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

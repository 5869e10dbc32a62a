package io.missioncontrol.task.board;

import io.missioncontrol.contracts.approval.ApprovalDecided;
import io.missioncontrol.platform.inbox.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Approval decisions from the approval service set the approval state of their tasks, exactly once each. */
@Component
class ApprovalListener {

    static final String CONSUMER = "task-approvals";

    private final Inbox inbox;
    private final Governance governance;

    ApprovalListener(Inbox inbox, Governance governance) {
        this.inbox = inbox;
        this.governance = governance;
    }

    @KafkaListener(id = CONSUMER, groupId = "task-service-approvals",
            topics = "#{T(io.missioncontrol.contracts.Topics).APPROVALS}")
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.handle(CONSUMER, record, event -> event.data() instanceof ApprovalDecided decision
                ? governance.decided(decision) : Mono.empty());
    }
}

package io.missioncontrol.task.board;

import io.missioncontrol.contracts.approval.ApprovalCancelled;
import io.missioncontrol.contracts.approval.ApprovalDecided;
import io.missioncontrol.contracts.approval.ApprovalExpired;
import io.missioncontrol.contracts.approval.ApprovalRequested;
import io.missioncontrol.platform.inbox.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The approval service's requests, decisions, expiries and cancellations set the approval state of their tasks, exactly
 * once each.
 */
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
        inbox.handle(CONSUMER, record, event -> {
            if (event.data() instanceof ApprovalDecided decision) {
                return governance.decided(decision);
            }
            if (event.data() instanceof ApprovalRequested requested) {
                return governance.requested(requested);
            }
            if (event.data() instanceof ApprovalExpired expired) {
                return governance.withdrawn(expired.approvalId(), expired.organizationId(), expired.taskIds());
            }
            if (event.data() instanceof ApprovalCancelled cancelled) {
                return governance.withdrawn(cancelled.approvalId(), cancelled.organizationId(), cancelled.taskIds());
            }
            return Mono.empty();
        });
    }
}

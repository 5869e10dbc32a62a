package io.missioncontrol.approval.approvals;

import io.missioncontrol.contracts.task.TaskApprovalRequested;
import io.missioncontrol.platform.inbox.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** task-service's requests for approvals of gated tasks become pending approvals here, once each. */
@Component
class TaskApprovalListener {

    static final String CONSUMER = "approval-task-requests";

    private final Inbox inbox;
    private final ApprovalService approvals;

    TaskApprovalListener(Inbox inbox, ApprovalService approvals) {
        this.inbox = inbox;
        this.approvals = approvals;
    }

    @KafkaListener(id = CONSUMER, groupId = CONSUMER, topics = "#{T(io.missioncontrol.contracts.Topics).TASKS}")
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.handle(CONSUMER, record, event -> event.data() instanceof TaskApprovalRequested asked
                ? approvals.requestedByTask(asked, event.actor()) : Mono.empty());
    }
}

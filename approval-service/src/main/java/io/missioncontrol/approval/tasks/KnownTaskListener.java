package io.missioncontrol.approval.tasks;

import io.missioncontrol.platform.inbox.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps {@code known_task} up to date from {@code mc.tasks}, each event applied once. */
@Component
class KnownTaskListener {

    static final String CONSUMER = "approval-known-tasks";

    private final Inbox inbox;
    private final KnownTasks tasks;

    KnownTaskListener(Inbox inbox, KnownTasks tasks) {
        this.inbox = inbox;
        this.tasks = tasks;
    }

    @KafkaListener(id = CONSUMER, groupId = CONSUMER, topics = "#{T(io.missioncontrol.contracts.Topics).TASKS}")
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.handle(CONSUMER, record, event -> tasks.apply(event.data()));
    }
}

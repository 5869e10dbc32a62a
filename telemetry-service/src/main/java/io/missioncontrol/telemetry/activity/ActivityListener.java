package io.missioncontrol.telemetry.activity;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.platform.inbox.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Every domain event of every service becomes a timeline entry, exactly once. */
@Component
class ActivityListener {

    static final String CONSUMER = "activity-timeline";

    private final Inbox inbox;
    private final ActivityRepository activities;

    ActivityListener(Inbox inbox, ActivityRepository activities) {
        this.inbox = inbox;
        this.activities = activities;
    }

    @KafkaListener(id = CONSUMER, groupId = "telemetry-activity", topics = "#{T(io.missioncontrol.contracts.Topics).DOMAIN}")
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.handle(CONSUMER, record, event -> activities.insert(Activity.of(event), event.data()));
    }
}

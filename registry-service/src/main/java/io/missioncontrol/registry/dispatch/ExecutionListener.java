package io.missioncontrol.registry.dispatch;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.execution.TaskExecutionRequested;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.events.EventEnvelope;
import io.missioncontrol.platform.inbox.Inbox;
import io.missioncontrol.registry.runtime.RuntimeProperties;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Execution requests from {@code mc.executions}. The request is stored once (inbox), then dispatched on this listener
 * thread before the offset is committed: a crash mid-dispatch redelivers the record, and a stored request that is
 * still undecided is dispatched again (the runtime deduplicates by execution id). Waiting here is bounded by the
 * dispatch's total limit.
 */
@Component
class ExecutionListener {

    static final String CONSUMER = "registry-dispatch";

    private final Inbox inbox;
    private final Dispatcher dispatcher;
    private final Duration limit;

    ExecutionListener(Inbox inbox, Dispatcher dispatcher, RuntimeProperties properties) {
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        // The dispatch's own limit plus room for the decision's transaction.
        this.limit = properties.dispatch().total().plusSeconds(10);
    }

    @KafkaListener(id = CONSUMER, groupId = "registry-dispatch",
            topics = "#{T(io.missioncontrol.contracts.Topics).EXECUTIONS}")
    void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<DomainEvent> event = EventCodec.decode(record);
        if (!(event.data() instanceof TaskExecutionRequested request)) {
            return;
        }
        inbox.handle(CONSUMER, record, ignored -> dispatcher.record(request));
        dispatcher.dispatch(request.executionId()).then(Mono.<Void>empty()).block(limit);
    }
}

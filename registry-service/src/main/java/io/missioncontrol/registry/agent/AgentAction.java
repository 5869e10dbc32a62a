package io.missioncontrol.registry.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lifecycle's moves as the API names them, one endpoint each. {@code activate} and {@code resume} both lead to
 * {@code active} but from different places, and each accepts only its own: resuming an agent still provisioning is a
 * mistake to report, not to carry out.
 */
enum AgentAction {
    ACTIVATE(AgentStatus.PROVISIONING, AgentStatus.ACTIVE),
    PAUSE(AgentStatus.ACTIVE, AgentStatus.PAUSED),
    RESUME(AgentStatus.PAUSED, AgentStatus.ACTIVE),
    RETIRE(null, AgentStatus.RETIRED);

    /** Where the action starts; null: anywhere but retired. */
    private final AgentStatus from;
    private final AgentStatus to;

    AgentAction(AgentStatus from, AgentStatus to) {
        this.from = from;
        this.to = to;
    }

    AgentStatus to() {
        return to;
    }

    boolean startsFrom(AgentStatus status) {
        return status != AgentStatus.RETIRED && (from == null || from == status) && status.canMoveTo(to);
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What an agent in this status can be asked to do. */
    static List<String> allowedFrom(AgentStatus status) {
        List<String> allowed = new ArrayList<>();
        for (AgentAction action : values()) {
            if (action.startsFrom(status)) {
                allowed.add(action.wire());
            }
        }
        return allowed;
    }
}

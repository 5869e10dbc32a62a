package io.missioncontrol.registry.agent;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.agent.AgentRegistered;
import io.missioncontrol.contracts.agent.AgentRetired;
import io.missioncontrol.contracts.agent.AgentStatusChanged;
import io.missioncontrol.contracts.agent.AgentUpdated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An agent of an organization, and the state machine of its lifecycle ({@link AgentStatus}). Every transition is a
 * pure function: it returns the agent afterwards with the event that announces the change, or throws the refusal;
 * {@link AgentService} only loads, locks, stores and appends. The version counts events, as the task's does
 * (decision 0007), so a consumer that ignores events not newer than what it holds never drops one.
 *
 * @param modelSettings the model settings as a JSON object's text ({@code model}, {@code temperature}, …)
 * @param configSource  the runtime configuration document as written (JSON5), or null
 * @param config        the same document as plain JSON, or null
 */
record Agent(UUID id, UUID organizationId, String name, String description, List<String> capabilities,
             String modelSettings, String configSource, String config, UUID runtimeId, String status,
             String createdBy, Instant createdAt, String updatedBy, Instant updatedAt, long version) {

    Agent {
        capabilities = List.copyOf(capabilities);
    }

    /** What a transition did: the agent afterwards and its event, or no event when nothing changed. */
    record Change(Agent agent, List<DomainEvent> events) {

        Change {
            events = List.copyOf(events);
        }

        boolean isEmpty() {
            return events.isEmpty();
        }
    }

    /** A new agent starts in {@code provisioning}: it exists before its runtime has brought it up. */
    static Change register(UUID organizationId, AgentFields fields, String by, Instant now) {
        Agent agent = new Agent(UUID.randomUUID(), organizationId, fields.name(), fields.description(),
                fields.capabilities(), fields.modelSettings(), fields.config() == null ? null : fields.config().source(),
                fields.config() == null ? null : fields.config().json(), fields.runtimeId(),
                AgentStatus.PROVISIONING.wire(), by, now, by, now, 0);
        return new Change(agent, List.of(new AgentRegistered(agent.id, organizationId, agent.name, agent.capabilities,
                agent.status, agent.version)));
    }

    AgentStatus state() {
        return AgentStatus.fromWire(status);
    }

    boolean retired() {
        return state() == AgentStatus.RETIRED;
    }

    /** A PATCH: the fields it names change; one {@code mc.agent.updated.v1} when any did. A retired agent is final. */
    Change edit(AgentPatch patch, String by, Instant now) {
        if (retired()) {
            throw AgentProblems.agentRetired(id);
        }
        String newName = patch.name() == null ? name : patch.name().value();
        String newDescription = patch.description() == null ? description : patch.description().value();
        List<String> newCapabilities = patch.capabilities() == null ? capabilities : patch.capabilities().value();
        String newModelSettings = patch.modelSettings() == null ? modelSettings : patch.modelSettings().value();
        AgentConfig newConfig = patch.config() == null ? null : patch.config().value();
        String newConfigSource = patch.config() == null ? configSource : newConfig == null ? null : newConfig.source();
        String newConfigJson = patch.config() == null ? config : newConfig == null ? null : newConfig.json();
        UUID newRuntime = patch.runtimeId() == null ? runtimeId : patch.runtimeId().value();
        boolean changed = !newName.equals(name) || !Objects.equals(newDescription, description)
                || !newCapabilities.equals(capabilities) || !newModelSettings.equals(modelSettings)
                || !Objects.equals(newConfigSource, configSource) || !Objects.equals(newRuntime, runtimeId);
        if (!changed) {
            return new Change(this, List.of());
        }
        Agent next = new Agent(id, organizationId, newName, newDescription, newCapabilities, newModelSettings,
                newConfigSource, newConfigJson, newRuntime, status, createdBy, createdAt, by, now, version + 1);
        return new Change(next, List.of(new AgentUpdated(id, organizationId, newName, newCapabilities, status,
                next.version)));
    }

    /**
     * Activates, pauses or resumes the agent. An action that does not start where the agent is, including one that
     * would leave it where it is, is a 409 {@code illegal_transition} ({@code agent_retired} for a retired agent).
     * Retiring is {@link #retire}, which needs the agent's open tasks.
     */
    Change perform(AgentAction action, String by, Instant now) {
        AgentStatus from = state();
        if (from == AgentStatus.RETIRED) {
            throw AgentProblems.agentRetired(id);
        }
        if (action == AgentAction.RETIRE || !action.startsFrom(from)) {
            throw AgentProblems.illegalTransition(id, from, action);
        }
        Agent next = withStatus(action.to(), by, now);
        return new Change(next, List.of(new AgentStatusChanged(id, organizationId, name, from.wire(),
                action.to().wire(), next.version)));
    }

    /**
     * Retires the agent for good. Its tasks stay assigned to it; {@code openTaskIds} travel in the event so whoever
     * plans the work learns which ones need a new agent.
     */
    Change retire(List<UUID> openTaskIds, String by, Instant now) {
        if (retired()) {
            throw AgentProblems.agentRetired(id);
        }
        Agent next = withStatus(AgentStatus.RETIRED, by, now);
        return new Change(next, List.of(new AgentRetired(id, organizationId, name, new ArrayList<>(openTaskIds),
                next.version)));
    }

    private Agent withStatus(AgentStatus target, String by, Instant now) {
        return new Agent(id, organizationId, name, description, capabilities, modelSettings, configSource, config,
                runtimeId, target.wire(), createdBy, createdAt, by, now, version + 1);
    }
}

package io.missioncontrol.registry.agent;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.tenancy.Role;
import io.missioncontrol.platform.tenancy.TenantAccess;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import io.missioncontrol.registry.credential.KeyRevocations;
import io.missioncontrol.registry.runtime.RuntimeService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Agents: registration, reads and lists, edits and the lifecycle. The rules are {@link Agent}'s; this class checks
 * who may act, locks the row, stores the result and appends its events to the outbox in the same transaction.
 *
 * <p>Who may do what: people read an organization's agents as viewers and manage them (and their keys) as admins.
 * An agent reads its own record always ({@code /api/agents/me}) and its organization's agents with a key scoped
 * {@code tasks:read}; it manages nothing. Another organization's agent is a 404 for everyone but the administrator.
 */
@Service
public class AgentService {

    private final AgentStore store;
    private final AgentWork work;
    private final KeyRevocations keys;
    private final RuntimeService runtimes;
    private final TenantAccess access;
    private final Outbox outbox;
    private final Clock clock;

    AgentService(AgentStore store, AgentWork work, KeyRevocations keys, RuntimeService runtimes, TenantAccess access,
                 Outbox outbox, Clock clock) {
        this.store = store;
        this.work = work;
        this.keys = keys;
        this.runtimes = runtimes;
        this.access = access;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What retiring answers: the agent, the tasks still assigned to it, and how many keys stopped working. */
    record Retirement(AgentView agent, List<AgentWork.OpenTask> openTasks, long revokedKeys) {
    }

    @Transactional
    Mono<AgentView> create(AgentFields fields) {
        return access.requireRole(fields.organizationId(), Role.ADMIN, "organization", fields.organizationId())
                .onErrorMap(e -> e instanceof ApiException api && "not_found".equals(api.code()),
                        e -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_reference",
                                "organization_id " + fields.organizationId() + " is not an organization of yours",
                                Map.of("errors", List.of(AgentProblems.error("organization_id",
                                        "no such organization")))))
                .flatMap(caller -> requireRuntime(fields.runtimeId(), fields.organizationId()).thenReturn(caller))
                .flatMap(caller -> {
                    Agent.Change change = Agent.register(fields.organizationId(), fields, caller.subject(),
                            clock.instant());
                    return store.insert(change.agent())
                            .then(append(change.events()))
                            .then(view(change.agent().id()));
                });
    }

    Mono<AgentView> get(UUID id) {
        return readable(id).flatMap(this::view);
    }

    /** The calling agent's own record; people have none. */
    Mono<AgentView> me() {
        return Caller.current()
                .filter(caller -> caller.kind() == Caller.Kind.AGENT)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND, "not_found",
                        "/api/agents/me is the calling agent's own record; only agents have one",
                        Map.of("resource_type", "agent", "resource_id", "me"))))
                .flatMap(caller -> agentId(caller)
                        .flatMap(id -> store.find(id)
                                .filter(stored -> stored.agent().organizationId().equals(caller.organizationId())))
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("agent", caller.subject()))))
                .flatMap(this::view);
    }

    Mono<Page<AgentView>> list(AgentStore.Filter filter, Page.Cursor after, int limit) {
        // An agent's key needs tasks:read here: TenantAccess checks it for every read of an agent caller.
        return access.requireRead(filter.organizationId(), "organization", filter.organizationId())
                .thenMany(store.page(filter, after, limit + 1))
                .collectList()
                .flatMap(rows -> {
                    boolean more = rows.size() > limit;
                    List<AgentStore.Stored> items = more ? rows.subList(0, limit) : rows;
                    String next = more ? cursor(items.get(limit - 1).agent()).encode() : null;
                    return views(items).map(views -> new Page<>(views, next));
                });
    }

    @Transactional
    Mono<AgentView> patch(UUID id, AgentPatch patch, IfMatch ifMatch) {
        return editable(id, ifMatch).flatMap(editing -> {
            UUID runtime = patch.runtimeId() == null ? null : patch.runtimeId().value();
            boolean newRuntime = runtime != null && !runtime.equals(editing.agent().runtimeId());
            // The edit's own refusals (a retired agent) come first; a runtime kept as it was is not checked again.
            return Mono.fromCallable(() -> editing.agent().edit(patch, editing.by(), editing.now()))
                    .flatMap(change -> (newRuntime ? requireRuntime(runtime, editing.agent().organizationId())
                            : Mono.<Void>empty()).then(Mono.defer(() -> apply(editing.agent(), change))));
        });
    }

    /** Activates, pauses or resumes the agent ({@link Agent#perform}). */
    @Transactional
    Mono<AgentView> perform(UUID id, AgentAction action, IfMatch ifMatch) {
        return editable(id, ifMatch).flatMap(editing ->
                apply(editing.agent(), editing.agent().perform(action, editing.by(), editing.now())));
    }

    /**
     * Pauses an active agent because its own token-cost budget was exceeded ({@code mc.budget.exceeded.v1} with
     * {@code pause_agent}), publishing {@code mc.agent.status-changed.v1} like a pause by hand. An agent that is not
     * active (provisioning, already paused, retired), unknown here, or of another organization than the budget's is
     * left as it is: the event is news, not a command that must succeed, and a repeat changes nothing.
     *
     * @return whether the agent was paused now
     */
    @Transactional
    public Mono<Boolean> pauseForBudget(UUID agentId, UUID organizationId, UUID budgetId) {
        return store.lock(agentId)
                .filter(agent -> agent.organizationId().equals(organizationId)
                        && agent.state() == AgentStatus.ACTIVE)
                .flatMap(agent -> apply(agent, agent.perform(AgentAction.PAUSE, "budget:" + budgetId,
                        clock.instant())).thenReturn(true))
                .defaultIfEmpty(false);
    }

    /**
     * Retires the agent, revokes every key it still has (each with {@code mc.credential.revoked.v1}, reason
     * {@code agent_retired}) and names the tasks still assigned to it, all in one transaction. The tasks stay
     * assigned: nothing is taken from anyone silently.
     */
    @Transactional
    Mono<Retirement> retire(UUID id, IfMatch ifMatch) {
        return editable(id, ifMatch).flatMap(editing -> work.openTasks(id).flatMap(open -> {
            Agent before = editing.agent();
            Agent.Change change = before.retire(open.stream().map(AgentWork.OpenTask::taskId).toList(),
                    editing.by(), editing.now());
            Agent after = change.agent();
            return store.update(after, before.version())
                    .then(append(change.events()))
                    .then(keys.revokeAll(ref(after), "agent_retired"))
                    .flatMap(revoked -> view(id).map(view -> new Retirement(view, open, revoked)));
        }));
    }

    /** The agent as dispatch needs it, whoever asks: dispatch acts for the system, not for a caller. */
    public Mono<Assignee> assignee(UUID id) {
        if (id == null) {
            return Mono.empty();
        }
        return store.find(id).map(stored -> {
            Agent agent = stored.agent();
            return new Assignee(agent.id(), agent.organizationId(), agent.name(), agent.state(), agent.runtimeId(),
                    agent.capabilities());
        });
    }

    /** The task as the registry knows it from task-service's events; empty when unknown or deleted. */
    public Mono<KnownTask> task(UUID id) {
        return id == null ? Mono.empty() : work.task(id);
    }

    /**
     * A runtime an agent may name as its own: one of the agent's organization. Another organization's runtime gets
     * the same answer as one that does not exist.
     */
    private Mono<Void> requireRuntime(UUID runtimeId, UUID organizationId) {
        if (runtimeId == null) {
            return Mono.empty();
        }
        return runtimes.inOrganization(runtimeId, organizationId)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_reference",
                        "runtime_id " + runtimeId + " is not a runtime of the agent's organization",
                        Map.of("errors", List.of(AgentProblems.error("runtime_id", "no such runtime"))))))
                .then();
    }

    /**
     * The agent, for an administrator of its organization to manage its keys; {@code lock} holds its row until the
     * transaction ends (issuing a key must not race its retirement).
     */
    public Mono<AgentRef> manageable(UUID id, boolean lock) {
        return store.find(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("agent", id)))
                .flatMap(found -> access.requireRole(found.agent().organizationId(), Role.ADMIN, "agent", id))
                .then(lock ? store.lock(id) : store.find(id).map(AgentStore.Stored::agent))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("agent", id)))
                .map(AgentService::ref);
    }

    private Mono<AgentView> apply(Agent before, Agent.Change change) {
        if (change.isEmpty()) {
            return view(before.id());
        }
        return store.update(change.agent(), before.version())
                .then(append(change.events()))
                .then(view(before.id()));
    }

    /** An agent locked for a change by an administrator of its organization, at a version {@code ifMatch} accepts. */
    private Mono<Editing> editable(UUID id, IfMatch ifMatch) {
        return store.find(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("agent", id)))
                .flatMap(found -> access.requireRole(found.agent().organizationId(), Role.ADMIN, "agent", id))
                .flatMap(caller -> store.lock(id)
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("agent", id)))
                        .map(locked -> {
                            ifMatch.check(locked);
                            return new Editing(locked, caller.subject(), clock.instant());
                        }));
    }

    private record Editing(Agent agent, String by, Instant now) {
    }

    /** The agent, when the caller may read it: its own record always; others need a viewer role or tasks:read. */
    private Mono<AgentStore.Stored> readable(UUID id) {
        return store.find(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("agent", id)))
                .flatMap(found -> Caller.current()
                        .filter(caller -> isItself(caller, found.agent()))
                        .map(itself -> found)
                        .switchIfEmpty(access.requireRead(found.agent().organizationId(), "agent", id)
                                .thenReturn(found)));
    }

    private static boolean isItself(Caller caller, Agent agent) {
        return caller.kind() == Caller.Kind.AGENT && agent.id().toString().equals(caller.subject())
                && agent.organizationId().equals(caller.organizationId());
    }

    private static Mono<UUID> agentId(Caller caller) {
        try {
            return Mono.just(UUID.fromString(caller.subject()));
        } catch (IllegalArgumentException e) {
            return Mono.empty();
        }
    }

    private Mono<AgentView> view(UUID id) {
        return store.find(id).flatMap(this::view);
    }

    private Mono<AgentView> view(AgentStore.Stored stored) {
        return views(List.of(stored)).map(views -> views.get(0));
    }

    private Mono<List<AgentView>> views(List<AgentStore.Stored> page) {
        return store.leads(page.stream().map(stored -> stored.agent().id()).toList())
                .map(leads -> page.stream()
                        .map(stored -> AgentView.of(stored.agent(), stored.presence(),
                                leads.getOrDefault(stored.agent().id(), List.of())))
                        .toList());
    }

    private Mono<Void> append(List<DomainEvent> events) {
        return Flux.fromIterable(events).concatMap(outbox::append).then();
    }

    static Page.Cursor cursor(Agent agent) {
        return new Page.Cursor(agent.createdAt(), agent.id());
    }

    private static AgentRef ref(Agent agent) {
        return new AgentRef(agent.id(), agent.organizationId(), agent.name(), agent.status());
    }
}

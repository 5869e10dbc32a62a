package io.missioncontrol.approval.approvals;

import io.missioncontrol.approval.agents.KnownAgents;
import io.missioncontrol.approval.policies.PolicyService;
import io.missioncontrol.approval.tasks.KnownTask;
import io.missioncontrol.approval.tasks.KnownTasks;
import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.approval.ApprovalDecided;
import io.missioncontrol.contracts.approval.ApprovalVoteRecorded;
import io.missioncontrol.contracts.credential.AgentScopes;
import io.missioncontrol.contracts.execution.TaskExecutionRequested;
import io.missioncontrol.contracts.task.TaskApprovalRequested;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.stream.EventStream;
import io.missioncontrol.platform.tenancy.OrganizationAccess;
import io.missioncontrol.platform.tenancy.TenantAccess;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Approval requests and decisions. Every change is one transaction that writes the request's row and appends its
 * events; decisions on one request take turns on its row lock, so concurrent approvers settle it exactly once.
 */
@Service
class ApprovalService {

    private static final Logger log = LoggerFactory.getLogger(ApprovalService.class);

    /** The reason recorded for approvals task-service asks for when a gated task tries to complete. */
    static final String TASK_GATE_REASON = "Task completion needs approval";

    private final ApprovalStore store;
    private final KnownTasks tasks;
    private final KnownAgents agents;
    private final PolicyService policies;
    private final TenantAccess access;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final EventStream approvalEvents;
    private final ApprovalProperties properties;
    private final Clock clock;

    ApprovalService(ApprovalStore store, KnownTasks tasks, KnownAgents agents, PolicyService policies,
                    TenantAccess access, Outbox outbox, TransactionalOperator transactions,
                    EventStream approvalEvents, ApprovalProperties properties, Clock clock) {
        this.store = store;
        this.tasks = tasks;
        this.agents = agents;
        this.policies = policies;
        this.access = access;
        this.outbox = outbox;
        this.transactions = transactions;
        this.approvalEvents = approvalEvents;
        this.properties = properties;
        this.clock = clock;
    }

    /** A request as the API receives it, validated for shape; {@code taskIds} without repeats. */
    record NewRequest(List<UUID> taskIds, String action, String reason, int confidence,
                      Map<String, Double> rubricScores, Map<String, Object> metadata, Instant expiresAt,
                      boolean executeOnApproval) {
    }

    /**
     * Requests an approval of the action on the tasks. The tasks must be known, live, of one board, and writable by
     * the caller (a member, or an agent of the organization whose key may request approvals); a task that is not, or
     * is another organization's, is the same 422 {@code unknown_reference}.
     */
    Mono<ApprovalView> request(NewRequest request) {
        return Caller.current()
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated",
                        "Sign in first")))
                // The scope first: a key that may not ask learns nothing about which tasks exist.
                .map(caller -> caller.requireScope(AgentScopes.APPROVALS_REQUEST))
                .flatMap(caller -> tasks.live(request.taskIds()).collectList()
                            .flatMap(found -> checkTasks(request, found)
                                    .flatMap(task -> writable(task).then(oneBoard(found)).thenReturn(task)))
                            .flatMap(task -> policies.rulesFor(task.organizationId(), task.boardId(), request.action())
                                    .flatMap(rules -> {
                                        Instant now = clock.instant();
                                        var transition = Approval.request(UUID.randomUUID(),
                                                new Approval.Request(task.organizationId(), task.boardId(),
                                                        request.taskIds(), request.action(), request.reason(),
                                                        request.confidence(), request.rubricScores(),
                                                        request.metadata(), request.expiresAt(),
                                                        request.executeOnApproval()),
                                                new Approval.Requester(caller.subject(), caller.kind().wireName()),
                                                rules, now);
                                        return transactions.transactional(create(transition, null));
                                    })))
                .map(ApprovalView::of);
    }

    /** The first task stands for all of them, once they are known to share an organization. */
    private static Mono<KnownTask> checkTasks(NewRequest request, List<KnownTask> found) {
        var known = found.stream().map(KnownTask::id).collect(Collectors.toSet());
        var missing = request.taskIds().stream().filter(id -> !known.contains(id)).toList();
        if (!missing.isEmpty()) {
            return Mono.error(unknownTasks(missing));
        }
        if (found.stream().map(KnownTask::organizationId).distinct().count() > 1) {
            return Mono.error(unknownTasks(request.taskIds()));
        }
        return Mono.just(found.get(0));
    }

    /** Checked after access, so that only members learn where another organization's tasks are. */
    private static Mono<Void> oneBoard(List<KnownTask> tasks) {
        return tasks.stream().map(KnownTask::boardId).distinct().count() > 1
                ? Mono.error(ApiException.unprocessable("tasks_span_boards",
                        "The tasks of one request must be on one board: each board may have its own policy"))
                : Mono.empty();
    }

    /** Write access to the tasks' organization; having none looks like the tasks do not exist. */
    private Mono<Void> writable(KnownTask task) {
        return access.requireWrite(task.organizationId(), "task", task.id())
                .onErrorMap(e -> e instanceof ApiException api && api.status() == HttpStatus.NOT_FOUND,
                        e -> unknownTasks(List.of(task.id())))
                .then();
    }

    private static ApiException unknownTasks(List<UUID> ids) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_reference",
                "Some tasks do not exist or are not yours to ask about",
                Map.of("field", "task_ids", "task_ids", ids.stream().map(UUID::toString).toList()));
    }

    /** Writes a new request and its events; a task with another pending request refuses it (409). */
    private Mono<Approval> create(Approval.Transition transition, Actor actor) {
        Approval approval = transition.approval();
        return store.insert(approval)
                .flatMap(conflicts -> conflicts.isEmpty() ? Mono.just(approval)
                        : store.pendingFor(conflicts).collectList().flatMap(pending -> Mono.error(new ApiException(
                                HttpStatus.CONFLICT, "approval_pending",
                                "A task of the request already has a pending approval",
                                Map.of("task_ids", conflicts.stream().map(UUID::toString).toList(),
                                        "approval_ids", pending.stream().map(entry -> entry.getValue().toString())
                                                .distinct().toList())))))
                .flatMap(created -> append(transition.events(), actor).thenReturn(created));
    }

    private Mono<Void> append(List<DomainEvent> events, Actor actor) {
        return Flux.fromIterable(events)
                .concatMap(event -> actor == null ? outbox.append(event) : outbox.append(event, actor))
                .then();
    }

    /**
     * task-service asks for an approval for a gated task: a pending request for it, in the name of whoever tried to
     * complete the task, unless the task has one pending already. Applied once per event, in the inbox's transaction.
     */
    Mono<Void> requestedByTask(TaskApprovalRequested asked, Actor actor) {
        List<UUID> ids = List.of(asked.taskId());
        return store.pendingFor(ids).hasElements().flatMap(pending -> pending ? Mono.<Void>empty()
                : policies.rulesFor(asked.organizationId(), asked.boardId(), asked.action()).flatMap(rules -> {
                    String requester = asked.requestedBy() == null ? actor.id() : asked.requestedBy();
                    var transition = Approval.request(UUID.randomUUID(),
                            new Approval.Request(asked.organizationId(), asked.boardId(), ids, asked.action(),
                                    TASK_GATE_REASON, 100, Map.of(), Map.of("task_title", asked.title()), null,
                                    false),
                            new Approval.Requester(requester, actor.type()), rules, clock.instant());
                    return create(transition, actor).then();
                }));
    }

    /** The approval, for those who may read its organization (404 for everyone else). */
    Mono<ApprovalView> get(UUID id) {
        return readable(id).map(ApprovalView::of);
    }

    private Mono<Approval> readable(UUID id) {
        return store.find(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("approval", id)))
                .flatMap(approval -> access.requireRead(approval.organizationId(), "approval", id)
                        .thenReturn(approval));
    }

    /**
     * The approval once it is settled, or as it stands after {@code wait}. Nothing polls: the approval's own events
     * from Kafka (this replica's live stream, which every replica's changes reach) wake the request, and only then is
     * the row read again. The stream is joined before that read, so a decision between the two is not missed.
     */
    Mono<ApprovalView> await(UUID id, Duration wait) {
        return get(id).flatMap(view -> !view.pending() || wait.isZero() ? Mono.just(view)
                : approvalEvents.open(event -> id.toString().equals(event.subject())
                                && !(event.data() instanceof ApprovalVoteRecorded), null)
                        .flatMap(events -> events
                                // ready (joined), the approval's events, resync: each is a reason to look again
                                .filter(message -> message.event() != null)
                                .concatMap(message -> store.find(id).map(ApprovalView::of))
                                .filter(current -> !current.pending())
                                .next())
                        .timeout(wait, Mono.defer(() -> store.find(id).map(ApprovalView::of)))
                        .onErrorResume(ApiException.class, unavailable -> store.find(id).map(ApprovalView::of)));
    }

    /**
     * A decision ({@code approved}, {@code rejected}) by a person whose role the request's rules name, or the
     * requester's cancellation ({@code cancelled}).
     */
    Mono<ApprovalView> decide(UUID id, ApprovalStatus to, String comment) {
        return readable(id)
                .flatMap(approval -> access.access(approval.organizationId(), "approval", id)
                        .flatMap(standing -> to == ApprovalStatus.CANCELLED ? Mono.just(standing)
                                : mayDecide(approval, standing)))
                .flatMap(standing -> transactions.transactional(store.lock(id).flatMap(approval -> {
                    Instant now = clock.instant();
                    Caller caller = standing.caller();
                    var transition = to == ApprovalStatus.CANCELLED ? approval.cancel(caller.subject(), comment, now)
                            : approval.decide(caller.subject(), caller.kind().wireName(),
                                    to == ApprovalStatus.APPROVED ? Vote.Decision.APPROVED : Vote.Decision.REJECTED,
                                    comment, now);
                    return store.update(approval, transition.approval())
                            .then(append(transition.events(), null))
                            .then(executions(transition))
                            .thenReturn(transition.approval());
                })))
                .map(ApprovalView::of);
    }

    /** Only people decide, and only in a role the request's rules name (the admin token acts as an owner). */
    private static Mono<OrganizationAccess> mayDecide(Approval approval, OrganizationAccess standing) {
        if (standing.caller().kind() == Caller.Kind.AGENT) {
            return Mono.error(new ApiException(HttpStatus.FORBIDDEN, "agents_cannot_decide",
                    "Approvals are decided by people, never by agents"));
        }
        if (!approval.rules().approverRoles().contains(standing.role())) {
            return Mono.error(new ApiException(HttpStatus.FORBIDDEN, "approver_role_required",
                    "Deciding this request needs one of the roles " + approval.rules().roleWords()
                            + "; yours is " + standing.role().wire(),
                    Map.of("role", standing.role().wire(), "required_roles", approval.rules().roleWords())));
        }
        return Mono.just(standing);
    }

    /**
     * An approved request with {@code execute_on_approval} asks, in the same transaction, for each of its tasks to be
     * run by the task's agent, with the capabilities the agent declared.
     */
    private Mono<Void> executions(Approval.Transition transition) {
        Approval approval = transition.approval();
        boolean approved = transition.events().stream().anyMatch(event -> event instanceof ApprovalDecided decided
                && "approved".equals(decided.status()));
        if (!approved || !approval.executeOnApproval()) {
            return Mono.empty();
        }
        return tasks.live(approval.taskIds())
                .concatMap(task -> (task.assignedAgentId() == null ? Mono.just(List.<String>of())
                        : agents.capabilities(task.assignedAgentId()))
                        .flatMap(capabilities -> outbox.append(new TaskExecutionRequested(UUID.randomUUID(),
                                task.id(), task.organizationId(), task.boardId(), task.assignedAgentId(),
                                task.title(), capabilities, approval.id(), 1))))
                .then();
    }

    /**
     * Expires up to a batch of pending requests past their deadline, in one transaction, when no other replica is
     * doing so (a transaction-scoped advisory lock); requests locked by a decision are skipped until the next round.
     *
     * @return how many expired
     */
    Mono<Long> expireDue() {
        Instant now = clock.instant();
        return transactions.transactional(store.tryExpiryLock()
                .flatMapMany(locked -> locked ? store.lockDue(now, properties.expiryBatch()) : Flux.empty())
                .concatMap(approval -> {
                    var transition = approval.expire(now);
                    return store.update(approval, transition.approval())
                            .then(append(transition.events(), null));
                })
                .count()
                .defaultIfEmpty(0L))
                .doOnNext(expired -> {
                    if (expired > 0) {
                        log.debug("Expired {} approvals", expired);
                    }
                });
    }

    /**
     * A page of approvals, pending first, newest first: of the named organization (404 when the caller may not read
     * it), or of every organization the caller may read.
     */
    Mono<Page<ApprovalView>> list(UUID organizationId, java.util.function.Function<List<UUID>, ApprovalQuery> query) {
        Mono<List<UUID>> organizations = organizationId != null
                ? access.requireRead(organizationId, "organization", organizationId).thenReturn(List.of(organizationId))
                : Caller.current().flatMapMany(access::organizationsOf).collectList();
        return organizations.flatMap(readable -> {
            ApprovalQuery page = query.apply(readable);
            return readable.isEmpty() ? Mono.just(new Page<ApprovalView>(List.of(), null))
                    : store.load(page.sql(store.client())).collectList()
                            .map(rows -> page.page(rows.stream().map(ApprovalView::of).toList()));
        });
    }
}

package io.missioncontrol.registry.dispatch;

import io.missioncontrol.contracts.execution.TaskExecutionRequested;
import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import io.missioncontrol.registry.access.RuntimeAccess;
import io.missioncontrol.registry.runtime.Runtime;
import io.missioncontrol.registry.runtime.RuntimeCalls;
import io.missioncontrol.registry.runtime.RuntimeProperties;
import io.missioncontrol.registry.runtime.RuntimeService;
import io.missioncontrol.registry.secrets.KeyRing;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Dispatches execution requests to runtimes (docs/runtimes.md): the organization's healthy runtimes that have every
 * required capability are tried in round-robin order, each with its timeout, retries and circuit breaker, until one
 * accepts; the whole attempt is bounded by {@code mc.registry.runtimes.dispatch.total}, so a request never hangs. The
 * decision is stored with its event ({@code TaskExecutionDispatched} or {@code TaskExecutionFailed}) in one
 * transaction, once per execution id.
 */
@Service
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    static final String RESOURCE = "execution";

    private final ExecutionStore executions;
    private final RuntimeService runtimes;
    private final RuntimeCalls calls;
    private final RuntimeAccess access;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final Clock clock;
    private final Duration total;

    Dispatcher(ExecutionStore executions, RuntimeService runtimes, RuntimeCalls calls, RuntimeAccess access,
               Outbox outbox, TransactionalOperator transactions, Clock clock, RuntimeProperties properties) {
        this.executions = executions;
        this.runtimes = runtimes;
        this.calls = calls;
        this.access = access;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.total = properties.dispatch().total();
    }

    /** Stores the request (once: a repeated request is ignored); runs inside the inbox's transaction. */
    Mono<Void> record(TaskExecutionRequested request) {
        return executions.insertIfAbsent(Execution.requested(request, clock.instant()));
    }

    /** Dispatches the execution unless it was decided before; answers it as it is afterwards. */
    Mono<Execution> dispatch(UUID executionId) {
        return executions.find(executionId)
                .flatMap(execution -> execution.decided() ? Mono.just(execution) : attempt(execution));
    }

    private Mono<Execution> attempt(Execution execution) {
        List<String> errors = new ArrayList<>();
        return runtimes.candidates(execution.organizationId(), execution.requiredCapabilities())
                .flatMap(candidates -> candidates.isEmpty()
                        ? Mono.just(execution.failed(Execution.NO_RUNTIME_AVAILABLE, noRuntime(execution),
                                clock.instant()))
                        : tryInTurn(execution, candidates, errors))
                .timeout(total)
                .onErrorResume(TimeoutException.class, e -> Mono.just(execution.failed(Execution.RUNTIME_UNAVAILABLE,
                        "No runtime accepted the execution within " + total.toSeconds() + " s"
                                + (errors.isEmpty() ? "" : ": " + String.join("; ", errors)), clock.instant())))
                .flatMap(this::decide);
    }

    /** Tries the candidates one after the other; the first that accepts wins. */
    private Mono<Execution.Decision> tryInTurn(Execution execution, List<Runtime> candidates, List<String> errors) {
        Map<String, Boolean> unavailable = new LinkedHashMap<>();
        return Flux.fromIterable(candidates)
                .concatMap(runtime -> runtimes.picked(runtime.id())
                        .then(Mono.defer(() -> calls.execute(runtime, runtimes.openToken(runtime), body(execution))))
                        .thenReturn(execution.dispatched(runtime.id(), runtime.name(), clock.instant()))
                        .onErrorResume(e -> {
                            boolean down = !(e instanceof RuntimeCalls.CallFailed failed) || failed.unavailable();
                            String why = e instanceof RuntimeCalls.CallFailed || e instanceof KeyRing.SecretUnavailableException
                                    ? e.getMessage() : e.getClass().getSimpleName();
                            errors.add(runtime.name() + ": " + why);
                            unavailable.put(runtime.name(), down);
                            log.info("Execution {} not dispatched to runtime {} ({}): {}", execution.id(),
                                    runtime.id(), runtime.name(), why);
                            return Mono.empty();
                        }), 1)
                .next()
                .switchIfEmpty(Mono.fromSupplier(() -> execution.failed(
                        unavailable.containsValue(true) ? Execution.RUNTIME_UNAVAILABLE : Execution.RUNTIME_REJECTED,
                        "No runtime accepted the execution: " + String.join("; ", errors), clock.instant())));
    }

    /** Stores the decision and its event, unless the execution was decided meanwhile (another replica, a retry). */
    private Mono<Execution> decide(Execution.Decision decision) {
        Execution decided = decision.execution();
        return transactions.transactional(executions.decide(decided)
                        .flatMap(first -> first ? outbox.append(decision.event()).thenReturn(true) : Mono.just(false)))
                .flatMap(first -> first ? Mono.just(decided) : executions.find(decided.id()))
                .doOnNext(execution -> log.info("Execution {} of task {}: {}{}", execution.id(), execution.taskId(),
                        execution.status(), execution.reason() == null ? "" : " (" + execution.reason() + ")"));
    }

    /** What the runtime is sent: ids to act on and to deduplicate by, and enough for people to recognise the task. */
    static Map<String, Object> body(Execution execution) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("execution_id", execution.id());
        body.put("task_id", execution.taskId());
        body.put("organization_id", execution.organizationId());
        body.put("board_id", execution.boardId());
        body.put("agent_id", execution.agentId());
        body.put("title", execution.title());
        body.put("required_capabilities", execution.requiredCapabilities());
        body.put("approval_id", execution.approvalId());
        return body;
    }

    private static String noRuntime(Execution execution) {
        return execution.requiredCapabilities().isEmpty() ? "The organization has no healthy runtime"
                : "No healthy runtime has the capabilities " + String.join(", ", execution.requiredCapabilities());
    }

    Mono<Execution> get(UUID id) {
        return executions.find(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(RESOURCE, id)))
                .flatMap(execution -> access.requireRead(execution.organizationId(), RESOURCE, id).thenReturn(execution));
    }

    Mono<Page<Execution>> list(UUID organizationId, UUID taskId, String cursor, Integer limit) {
        int size = Page.limit(limit);
        Page.Cursor after = Page.Cursor.decode(cursor);
        return access.requireRead(organizationId, "organization", organizationId)
                .thenMany(Flux.defer(() -> executions.page(organizationId, taskId, after, size + 1)))
                .collectList()
                .map(rows -> Page.of(rows, size, execution -> new Page.Cursor(execution.createdAt(), execution.id())));
    }
}

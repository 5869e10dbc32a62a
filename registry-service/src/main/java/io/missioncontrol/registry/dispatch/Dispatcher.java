package io.missioncontrol.registry.dispatch;

import io.missioncontrol.contracts.execution.TaskExecutionRequested;
import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.registry.access.RuntimeAccess;
import io.missioncontrol.registry.agent.AgentService;
import io.missioncontrol.registry.agent.Assignee;
import io.missioncontrol.registry.agent.KnownTask;
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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dispatches execution requests to runtimes (docs/runtimes.md). Only an agent that can work is dispatched for: one the
 * registry knows in the execution's organization, neither paused nor retired ({@code agent_not_dispatchable}
 * otherwise). The organization's healthy runtimes that have every required capability are tried in round-robin order
 * (the agent's own runtime first when it is among them), each with its timeout, retries and circuit breaker, until one
 * accepts; an execution asked of one runtime goes to that runtime only; the whole attempt is bounded by {@code mc.registry.runtimes.dispatch.total}, so a request never hangs. The
 * decision is stored with its event ({@code TaskExecutionDispatched} or {@code TaskExecutionFailed}) in one
 * transaction, once per execution id.
 */
@Service
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    static final String RESOURCE = "execution";

    private final ExecutionStore executions;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The most parameters a caller may pass on to a runtime, as JSON text. */
    static final int PARAMETERS_MAX = 64 * 1024;

    private final RuntimeService runtimes;
    private final AgentService agents;
    private final RuntimeCalls calls;
    private final RuntimeAccess access;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final Clock clock;
    private final Duration total;

    Dispatcher(ExecutionStore executions, RuntimeService runtimes, AgentService agents, RuntimeCalls calls,
               RuntimeAccess access, Outbox outbox, TransactionalOperator transactions, Clock clock,
               RuntimeProperties properties) {
        this.executions = executions;
        this.runtimes = runtimes;
        this.agents = agents;
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
        return agents.assignee(execution.agentId())
                .filter(agent -> agent.organizationId().equals(execution.organizationId()))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(agent -> {
                    String refusal = refusal(execution, agent.orElse(null));
                    return refusal != null
                            ? decide(execution.failed(Execution.AGENT_NOT_DISPATCHABLE, refusal, clock.instant()))
                            : attempt(execution, agent.get());
                });
    }

    /** Why the agent cannot be given the work, or null when it can. */
    private static String refusal(Execution execution, Assignee agent) {
        if (execution.agentId() == null) {
            return "The task has no assigned agent";
        }
        if (agent == null) {
            return "Agent " + execution.agentId() + " is not known to the registry in the task's organization";
        }
        if (!agent.dispatchable()) {
            return "Agent " + agent.id() + " (" + agent.name() + ") is " + agent.status().wire();
        }
        return null;
    }

    private Mono<Execution> attempt(Execution execution, Assignee agent) {
        List<String> errors = new ArrayList<>();
        Mono<Choice> choice = execution.targetRuntimeId() != null ? target(execution)
                : runtimes.candidates(execution.organizationId(), execution.requiredCapabilities())
                        .map(candidates -> candidates.isEmpty() ? Choice.none(noRuntime(execution))
                                : new Choice(ownFirst(candidates, agent.runtimeId()), null));
        return choice
                .flatMap(chosen -> chosen.candidates().isEmpty()
                        ? Mono.just(execution.failed(Execution.NO_RUNTIME_AVAILABLE, chosen.why(), clock.instant()))
                        : tryInTurn(execution, chosen.candidates(), errors))
                .timeout(total)
                .onErrorResume(TimeoutException.class, e -> Mono.just(execution.failed(Execution.RUNTIME_UNAVAILABLE,
                        "No runtime accepted the execution within " + total.toSeconds() + " s"
                                + (errors.isEmpty() ? "" : ": " + String.join("; ", errors)), clock.instant())))
                .flatMap(this::decide);
    }

    /**
     * The runtime an execution was asked of, as the only candidate, or why it cannot take it: the same reasons as a
     * dispatch that finds no healthy capable runtime.
     */
    private Mono<Choice> target(Execution execution) {
        return runtimes.inOrganization(execution.targetRuntimeId(), execution.organizationId())
                .map(runtime -> RuntimeService.canTake(runtime, execution.requiredCapabilities())
                        ? new Choice(List.of(runtime), null)
                        : Choice.none("Runtime " + runtime.name() + " is " + runtime.health().wire()
                                + (execution.requiredCapabilities().isEmpty() ? ""
                                : " or lacks one of the capabilities "
                                        + String.join(", ", execution.requiredCapabilities()))))
                .defaultIfEmpty(Choice.none("Runtime " + execution.targetRuntimeId() + " no longer exists"));
    }

    /** The runtimes to try in turn, or, when there is none, why. */
    private record Choice(List<Runtime> candidates, String why) {

        static Choice none(String why) {
            return new Choice(List.of(), why);
        }
    }

    /** The agent's own runtime first when it is a candidate (healthy and capable); the others keep their turn. */
    static List<Runtime> ownFirst(List<Runtime> candidates, UUID own) {
        if (own == null) {
            return candidates;
        }
        List<Runtime> ordered = new ArrayList<>(candidates.size());
        candidates.stream().filter(runtime -> runtime.id().equals(own)).forEach(ordered::add);
        candidates.stream().filter(runtime -> !runtime.id().equals(own)).forEach(ordered::add);
        return ordered;
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
        body.put("parameters", execution.parameters() == null ? null
                : JSON.readValue(execution.parameters(), LinkedHashMap.class));
        return body;
    }

    /**
     * Asks one runtime to run a task ({@code POST /api/gateways/{id}/execute}): the execution is stored and its
     * {@code mc.task-execution.requested.v1} appended in one transaction, and the request takes the same way as
     * task-service's: this service's listener dispatches it, to that runtime only. The task must be known to the
     * registry in the runtime's organization and have an assigned agent; an agent may run only its own tasks.
     */
    Mono<Execution> executeOn(UUID runtimeId, UUID taskId, String parameters) {
        return runtimes.find(runtimeId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("runtime", runtimeId)))
                .flatMap(runtime -> access.requireExecute(runtime.organizationId(), "runtime", runtimeId)
                        .flatMap(caller -> agents.task(taskId)
                                .filter(task -> task.organizationId().equals(runtime.organizationId()))
                                .switchIfEmpty(Mono.error(() -> unknownTask(taskId)))
                                .flatMap(task -> requested(runtime, task, caller, parameters))))
                .flatMap(execution -> transactions.transactional(executions.insertIfAbsent(execution)
                                .then(outbox.append(execution.request())))
                        .thenReturn(execution))
                .doOnNext(execution -> log.info("Execution {} of task {} asked of runtime {}", execution.id(),
                        execution.taskId(), execution.targetRuntimeId()));
    }

    private Mono<Execution> requested(Runtime runtime, KnownTask task, Caller caller, String parameters) {
        if (task.assignedAgentId() == null) {
            return Mono.error(new ApiException(HttpStatus.CONFLICT, "task_unassigned",
                    "Task " + task.id() + " has no assigned agent to run it", Map.of("task_id", task.id())));
        }
        if (caller.kind() == Caller.Kind.AGENT && !task.assignedAgentId().toString().equals(caller.subject())) {
            return Mono.error(new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                    "An agent may run only the tasks assigned to it"));
        }
        // The agent's capabilities, as task-service asks for them: the chosen runtime must have them too.
        return agents.assignee(task.assignedAgentId())
                .map(Assignee::capabilities)
                .defaultIfEmpty(List.of())
                .map(capabilities -> Execution.onRuntime(UUID.randomUUID(), runtime.organizationId(), task.id(),
                        task.boardId(), task.assignedAgentId(), task.title(), capabilities, runtime.id(), parameters,
                        clock.instant()));
    }

    private static ApiException unknownTask(UUID taskId) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_reference",
                "task_id " + taskId + " is not a task of the runtime's organization",
                Map.of("errors", List.of(Map.of("field", "task_id", "message", "no such task"))));
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

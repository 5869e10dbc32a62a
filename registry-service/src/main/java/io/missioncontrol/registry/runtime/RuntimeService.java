package io.missioncontrol.registry.runtime;

import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import io.missioncontrol.registry.access.RuntimeAccess;
import io.missioncontrol.registry.secrets.KeyRing;
import io.missioncontrol.registry.secrets.Sealed;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runtimes: registration, reads, changes (token rotation among them), removal, health results, and what dispatch
 * needs. Each change locks the row, stores it and appends its event in one transaction. Calls to the runtime itself
 * (health checks) happen outside any transaction; only their result is written under the lock.
 */
@Service
public class RuntimeService {

    private static final Logger log = LoggerFactory.getLogger(RuntimeService.class);
    static final String RESOURCE = "runtime";

    private final RuntimeStore store;
    private final RuntimeAccess access;
    private final EndpointPolicy policy;
    private final KeyRing keys;
    private final RuntimeCalls calls;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final Clock clock;

    RuntimeService(RuntimeStore store, RuntimeAccess access, EndpointPolicy policy, KeyRing keys, RuntimeCalls calls,
                   Outbox outbox, TransactionalOperator transactions, Clock clock) {
        this.store = store;
        this.access = access;
        this.policy = policy;
        this.keys = keys;
        this.calls = calls;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    record NewRuntime(UUID organizationId, String name, String endpointUrl, List<String> capabilities,
                      String authToken) {

        @Override
        public String toString() {
            return "NewRuntime[organizationId=" + organizationId + ", name=" + name + "]";
        }
    }

    Mono<Runtime> register(NewRuntime request) {
        return access.requireManage(request.organizationId(), "organization", request.organizationId())
                .then(Mono.fromCallable(() -> new NewRuntime(request.organizationId(), RuntimeRules.name(request.name()),
                        RuntimeRules.endpointUrl(request.endpointUrl()), RuntimeRules.capabilities(request.capabilities()),
                        RuntimeRules.token(request.authToken()))))
                .flatMap(valid -> policy.requireAllowed(valid.endpointUrl()).thenReturn(valid))
                .flatMap(valid -> {
                    UUID id = UUID.randomUUID();
                    Sealed token = valid.authToken() == null ? null
                            : keys.seal(valid.authToken(), Runtime.associatedData(valid.organizationId(), id));
                    Runtime.Change change = Runtime.register(id, valid.organizationId(), valid.name(),
                            valid.endpointUrl(), valid.capabilities(), token, clock.instant());
                    return transactions.transactional(store.insert(change.runtime())
                                    .then(outbox.append(change.event())))
                            .onErrorMap(DataIntegrityViolationException.class, e -> nameTaken(valid.name()))
                            .thenReturn(change.runtime());
                });
    }

    Mono<Runtime> get(UUID id) {
        return store.find(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(RESOURCE, id)))
                .flatMap(runtime -> access.requireRead(runtime.organizationId(), RESOURCE, id).thenReturn(runtime));
    }

    Mono<Page<Runtime>> list(UUID organizationId, String cursor, Integer limit) {
        int size = Page.limit(limit);
        Page.Cursor after = Page.Cursor.decode(cursor);
        return access.requireRead(organizationId, "organization", organizationId)
                .thenMany(Flux.defer(() -> store.page(organizationId, after, size + 1)))
                .collectList()
                .map(rows -> Page.of(rows, size, runtime -> new Page.Cursor(runtime.createdAt(), runtime.id())));
    }

    Mono<Runtime> patch(UUID id, RuntimePatch patch, IfMatch ifMatch) {
        return manageable(id).flatMap(found -> {
            String name = patch.name() == null ? found.name() : RuntimeRules.name(patch.name());
            String endpoint = patch.endpointUrl() == null ? found.endpointUrl()
                    : RuntimeRules.endpointUrl(patch.endpointUrl());
            List<String> capabilities = patch.capabilities() == null ? found.capabilities()
                    : RuntimeRules.capabilities(patch.capabilities());
            String token = patch.tokenGiven() ? RuntimeRules.token(patch.authToken()) : null;
            Mono<Void> allowed = endpoint.equals(found.endpointUrl()) ? Mono.empty()
                    : policy.requireAllowed(endpoint).then();
            return allowed.then(transactions.transactional(store.lock(id)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound(RESOURCE, id)))
                    .flatMap(current -> {
                        ifMatch.check(id, current.version());
                        Sealed sealed = token == null ? null : keys.seal(token, current.associatedData());
                        Runtime.Change change = current.update(name, endpoint, capabilities, sealed,
                                patch.tokenGiven(), clock.instant());
                        return store.update(change.runtime()).then(outbox.append(change.event()))
                                .thenReturn(change.runtime());
                    }))
                    .onErrorMap(DataIntegrityViolationException.class, e -> nameTaken(name)));
        });
    }

    Mono<Void> delete(UUID id, IfMatch ifMatch) {
        return manageable(id).flatMap(found -> transactions.transactional(store.lock(id)
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound(RESOURCE, id)))
                        .flatMap(current -> {
                            ifMatch.check(id, current.version());
                            return store.delete(id).then(outbox.append(current.removed()));
                        }))
                .doOnSuccess(done -> calls.forget(id)));
    }

    /** Checks the runtime's health and records the result; a changed status appends {@code RuntimeHealthChanged}. */
    Mono<HealthStatus> check(UUID id) {
        return store.find(id).flatMap(runtime -> calls.health(runtime)
                .thenReturn(new Result(HealthStatus.HEALTHY, null))
                .onErrorResume(RuntimeCalls.CallFailed.class,
                        e -> Mono.just(new Result(HealthStatus.UNHEALTHY, e.getMessage())))
                .flatMap(result -> transactions.transactional(store.lock(id)
                        // Removed or moved to another endpoint meanwhile: this result is about something else.
                        .filter(current -> current.endpointUrl().equals(runtime.endpointUrl()))
                        .flatMap(current -> {
                            Runtime.Change change = current.checked(result.status(), result.error(), clock.instant());
                            if (change.event() != null) {
                                log.info("Runtime {} ({}) is now {}{}", current.id(), current.name(),
                                        result.status().wire(), result.error() == null ? "" : ": " + result.error());
                            }
                            return store.update(change.runtime())
                                    .then(change.event() == null ? Mono.empty() : outbox.append(change.event()))
                                    .thenReturn(result.status());
                        }))));
    }

    private record Result(HealthStatus status, String error) {
    }

    Flux<UUID> ids() {
        return store.ids();
    }

    /** The organization's healthy runtimes with every capability, in round-robin order (next in line first). */
    public Mono<List<Runtime>> candidates(UUID organizationId, List<String> capabilities) {
        return store.candidates(organizationId, RuntimeRules.capabilities(capabilities)).collectList();
    }

    /** The runtime, without any access check: callers make their own. */
    public Mono<Runtime> find(UUID runtimeId) {
        return store.find(runtimeId);
    }

    /**
     * The runtime, when it belongs to the organization; empty otherwise (unknown, or another organization's: the
     * same answer, so nobody learns of another organization's runtimes). No access check: callers have made theirs.
     */
    public Mono<Runtime> inOrganization(UUID runtimeId, UUID organizationId) {
        if (runtimeId == null || organizationId == null) {
            return Mono.empty();
        }
        return store.find(runtimeId).filter(runtime -> runtime.organizationId().equals(organizationId));
    }

    /** Whether the runtime can take work that needs these capabilities: healthy, and has every one of them. */
    public static boolean canTake(Runtime runtime, List<String> capabilities) {
        return runtime.health() == HealthStatus.HEALTHY
                && capabilities.stream().allMatch(capability -> capability != null
                && runtime.capabilities().contains(capability.strip().toLowerCase(java.util.Locale.ROOT)));
    }

    /** Sends the runtime to the back of the round robin. */
    public Mono<Void> picked(UUID runtimeId) {
        return store.picked(runtimeId, clock.instant());
    }

    /** The runtime's token in clear, for the one call that needs it; null when it has none. Never log it. */
    public String openToken(Runtime runtime) {
        return runtime.token() == null ? null : keys.open(runtime.token(), runtime.associatedData());
    }

    /**
     * Re-seals up to {@code batch} tokens still under another key than the active one (after a key rotation), each
     * under the row lock: answers how many it rewrote. Only tokens under a key still in the ring are looked at; one that
     * does not open (altered) is logged by runtime id and skipped: rotate it through the API.
     */
    Mono<Integer> resealStale(int batch) {
        return store.sealedUnder(keys.olderKeyIds(), batch)
                .concatMap(id -> transactions.transactional(store.lock(id)
                        .filter(runtime -> runtime.token() != null && keys.isStale(runtime.token()))
                        .flatMap(runtime -> {
                            Sealed resealed = keys.seal(keys.open(runtime.token(), runtime.associatedData()),
                                    runtime.associatedData());
                            return store.update(runtime.resealed(resealed)).thenReturn(1);
                        }))
                        .onErrorResume(KeyRing.SecretUnavailableException.class, e -> {
                            log.warn("Runtime {}: its token cannot be re-sealed: {}", id, e.getMessage());
                            return Mono.empty();
                        }))
                .reduce(0, Integer::sum);
    }

    /** Tokens not yet under the active key: 0 once a rotation's re-encryption is complete. */
    Mono<Long> staleTokens() {
        return store.countSealedOutside(keys.activeKeyId());
    }

    private Mono<Runtime> manageable(UUID id) {
        return store.find(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(RESOURCE, id)))
                .flatMap(runtime -> access.requireManage(runtime.organizationId(), RESOURCE, id).thenReturn(runtime));
    }

    private static ApiException nameTaken(String name) {
        return ApiException.conflict("runtime_name_taken", "The organization already has a runtime named \"" + name + "\"");
    }
}

package io.missioncontrol.registry.runtime;

import io.missioncontrol.platform.web.Page;
import io.missioncontrol.registry.secrets.Sealed;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code runtime} table. */
@Component
class RuntimeStore {

    private static final String COLUMNS = """
            id, organization_id, name, endpoint_url, capabilities, token_key_id, token_nonce, token_ciphertext,
            health_status, last_checked_at, last_error, created_at, updated_at, version""";

    private final DatabaseClient db;

    RuntimeStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Runtime> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM runtime WHERE id = :id").bind("id", id).map(RuntimeStore::runtime).one();
    }

    /** The runtime, locked until the transaction ends: changes of one runtime apply one after the other. */
    Mono<Runtime> lock(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM runtime WHERE id = :id FOR UPDATE").bind("id", id)
                .map(RuntimeStore::runtime).one();
    }

    Mono<Void> insert(Runtime runtime) {
        return bindAll(db.sql("""
                        INSERT INTO runtime (id, organization_id, name, endpoint_url, capabilities, token_key_id,
                                             token_nonce, token_ciphertext, health_status, last_checked_at, last_error,
                                             created_at, updated_at, version)
                        VALUES (:id, :organizationId, :name, :endpointUrl, :capabilities, :tokenKeyId, :tokenNonce,
                                :tokenCiphertext, :health, :lastCheckedAt, :lastError, :createdAt, :updatedAt, :version)"""),
                runtime).then();
    }

    Mono<Void> update(Runtime runtime) {
        return bindAll(db.sql("""
                        UPDATE runtime SET name = :name, endpoint_url = :endpointUrl, capabilities = :capabilities,
                            token_key_id = :tokenKeyId, token_nonce = :tokenNonce, token_ciphertext = :tokenCiphertext,
                            health_status = :health, last_checked_at = :lastCheckedAt, last_error = :lastError,
                            created_at = :createdAt, updated_at = :updatedAt, version = :version
                        WHERE id = :id AND organization_id = :organizationId"""), runtime).then();
    }

    Mono<Void> delete(UUID id) {
        return db.sql("DELETE FROM runtime WHERE id = :id").bind("id", id).then();
    }

    Flux<Runtime> page(UUID organizationId, Page.Cursor after, int limit) {
        return db.sql("SELECT " + COLUMNS + """
                         FROM runtime WHERE organization_id = :organizationId AND (created_at, id) < (:time, :id)
                        ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .bind("organizationId", organizationId)
                .bind("time", OffsetDateTime.ofInstant(after.time(), ZoneOffset.UTC))
                .bind("id", after.id())
                .bind("limit", limit)
                .map(RuntimeStore::runtime).all();
    }

    /** Every runtime's id, for the health checks. */
    Flux<UUID> ids() {
        return db.sql("SELECT id FROM runtime ORDER BY id").map(row -> row.get("id", UUID.class)).all();
    }

    /**
     * The organization's healthy runtimes that have every capability, least recently dispatched to first: taking the
     * first one and marking it is a round robin among equals that holds across replicas and restarts.
     */
    Flux<Runtime> candidates(UUID organizationId, List<String> capabilities) {
        return db.sql("SELECT " + COLUMNS + """
                         FROM runtime WHERE organization_id = :organizationId AND health_status = 'healthy'
                          AND capabilities @> :capabilities
                        ORDER BY last_dispatched_at NULLS FIRST, created_at, id""")
                .bind("organizationId", organizationId)
                .bind("capabilities", capabilities.toArray(String[]::new))
                .map(RuntimeStore::runtime).all();
    }

    /** Moves the runtime to the back of the round robin. */
    Mono<Void> picked(UUID id, Instant at) {
        return db.sql("UPDATE runtime SET last_dispatched_at = :at WHERE id = :id")
                .bind("id", id).bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).then();
    }

    /** Runtimes whose token is sealed under one of the given (older) keys, a batch at a time. */
    Flux<UUID> sealedUnder(List<String> keyIds, int limit) {
        if (keyIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("SELECT id FROM runtime WHERE token_key_id = ANY(:keys) ORDER BY id LIMIT :limit")
                .bind("keys", keyIds.toArray(String[]::new)).bind("limit", limit)
                .map(row -> row.get("id", UUID.class)).all();
    }

    /** How many tokens are sealed under another key than the active one. */
    Mono<Long> countSealedOutside(String activeKeyId) {
        return db.sql("SELECT count(*) FROM runtime WHERE token_key_id IS NOT NULL AND token_key_id <> :key")
                .bind("key", activeKeyId).map(row -> row.get(0, Long.class)).one();
    }

    /**
     * Takes or renews the health-check lease for {@code holder} until {@code until}: true when this replica holds it.
     * The database's clock decides, so replicas with skewed clocks still agree.
     */
    Mono<Boolean> lease(String holder, java.time.Duration duration) {
        return db.sql("""
                        UPDATE runtime_health_lease SET holder = :holder,
                            expires_at = now() + make_interval(secs => :seconds)
                        WHERE id = 1 AND (holder = :holder OR expires_at < now())""")
                .bind("holder", holder)
                .bind("seconds", duration.toMillis() / 1000.0)
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, Runtime runtime) {
        spec = spec.bind("id", runtime.id())
                .bind("organizationId", runtime.organizationId())
                .bind("name", runtime.name())
                .bind("endpointUrl", runtime.endpointUrl())
                .bind("capabilities", runtime.capabilities().toArray(String[]::new))
                .bind("health", runtime.health().wire())
                .bind("createdAt", OffsetDateTime.ofInstant(runtime.createdAt(), ZoneOffset.UTC))
                .bind("updatedAt", OffsetDateTime.ofInstant(runtime.updatedAt(), ZoneOffset.UTC))
                .bind("version", runtime.version());
        Sealed token = runtime.token();
        spec = token == null
                ? spec.bindNull("tokenKeyId", String.class).bindNull("tokenNonce", byte[].class)
                        .bindNull("tokenCiphertext", byte[].class)
                : spec.bind("tokenKeyId", token.keyId()).bind("tokenNonce", token.nonce())
                        .bind("tokenCiphertext", token.ciphertext());
        spec = runtime.lastCheckedAt() == null ? spec.bindNull("lastCheckedAt", OffsetDateTime.class)
                : spec.bind("lastCheckedAt", OffsetDateTime.ofInstant(runtime.lastCheckedAt(), ZoneOffset.UTC));
        return runtime.lastError() == null ? spec.bindNull("lastError", String.class)
                : spec.bind("lastError", runtime.lastError());
    }

    private static Runtime runtime(Readable row) {
        String keyId = row.get("token_key_id", String.class);
        Sealed token = keyId == null ? null
                : new Sealed(keyId, row.get("token_nonce", byte[].class), row.get("token_ciphertext", byte[].class));
        String[] capabilities = row.get("capabilities", String[].class);
        OffsetDateTime checked = row.get("last_checked_at", OffsetDateTime.class);
        return new Runtime(row.get("id", UUID.class), row.get("organization_id", UUID.class),
                row.get("name", String.class), row.get("endpoint_url", String.class),
                capabilities == null ? List.of() : Arrays.asList(capabilities), token,
                HealthStatus.fromWire(row.get("health_status", String.class)),
                checked == null ? null : checked.toInstant(), row.get("last_error", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant(), row.get("version", Long.class));
    }
}

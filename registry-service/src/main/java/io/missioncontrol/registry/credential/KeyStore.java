package io.missioncontrol.registry.credential;

import io.missioncontrol.platform.web.Page;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code agent_key} table. The hash is written here and read back by nothing that answers a client. */
@Component
class KeyStore {

    private final DatabaseClient db;

    KeyStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(AgentKey key) {
        GenericExecuteSpec spec = db.sql("""
                        INSERT INTO agent_key (id, agent_id, organization_id, secret_hash, scopes, expires_at,
                                               created_by, created_at, version)
                        VALUES (:id, :agentId, :organizationId, :secretHash, :scopes, :expiresAt, :createdBy,
                                :createdAt, :version)""")
                .bind("id", key.id())
                .bind("agentId", key.agentId())
                .bind("organizationId", key.organizationId())
                .bind("secretHash", key.secretHash())
                .bind("scopes", key.scopes().toArray(String[]::new))
                .bind("createdBy", key.createdBy())
                .bind("createdAt", key.createdAt())
                .bind("version", key.version());
        spec = key.expiresAt() == null ? spec.bindNull("expiresAt", Instant.class)
                : spec.bind("expiresAt", key.expiresAt());
        return spec.then();
    }

    /** The agent's key, locked until the transaction ends. */
    Mono<AgentKey> lock(UUID agentId, UUID keyId) {
        return db.sql("SELECT * FROM agent_key WHERE id = :id AND agent_id = :agentId FOR UPDATE")
                .bind("id", keyId)
                .bind("agentId", agentId)
                .map(KeyStore::key)
                .one();
    }

    /** The agent's keys that are not revoked, locked: retirement revokes them all. */
    Flux<AgentKey> lockUnrevoked(UUID agentId) {
        return db.sql("SELECT * FROM agent_key WHERE agent_id = :agentId AND revoked_at IS NULL ORDER BY id FOR UPDATE")
                .bind("agentId", agentId)
                .map(KeyStore::key)
                .all();
    }

    Mono<Void> revoke(AgentKey key, long expectedVersion) {
        return db.sql("""
                        UPDATE agent_key SET revoked_at = :revokedAt, revoked_reason = :reason, version = :version
                        WHERE id = :id AND version = :expected""")
                .bind("id", key.id())
                .bind("revokedAt", key.revokedAt())
                .bind("reason", key.revokedReason())
                .bind("version", key.version())
                .bind("expected", expectedVersion)
                .fetch().rowsUpdated()
                .flatMap(rows -> rows == 1 ? Mono.<Void>empty()
                        : Mono.error(new OptimisticLockingFailureException("Key " + key.id() + " changed meanwhile")));
    }

    /** A page of the agent's keys, newest first. */
    Flux<AgentKey> page(UUID agentId, Page.Cursor after, int limit) {
        return db.sql("""
                        SELECT * FROM agent_key WHERE agent_id = :agentId AND (created_at, id) < (:afterTime, :afterId)
                        ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .bind("agentId", agentId)
                .bind("afterTime", after.time())
                .bind("afterId", after.id())
                .bind("limit", limit)
                .map(KeyStore::key)
                .all();
    }

    private static AgentKey key(Readable row) {
        String[] scopes = row.get("scopes", String[].class);
        return new AgentKey(row.get("id", UUID.class), row.get("agent_id", UUID.class),
                row.get("organization_id", UUID.class), row.get("secret_hash", String.class),
                scopes == null ? java.util.List.of() : Arrays.asList(scopes), row.get("expires_at", Instant.class),
                row.get("created_by", String.class), row.get("created_at", Instant.class),
                row.get("revoked_at", Instant.class), row.get("revoked_reason", String.class),
                row.get("version", Long.class));
    }
}

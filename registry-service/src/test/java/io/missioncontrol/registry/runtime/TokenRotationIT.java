package io.missioncontrol.registry.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.execution.TaskExecutionRequested;
import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.registry.RuntimesApi;
import io.missioncontrol.registry.StubRuntime;
import io.missioncontrol.registry.secrets.KeyRing;
import io.missioncontrol.registry.secrets.Sealed;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Master key rotation without downtime: a token sealed under the previous key ({@code test-0}, still configured)
 * keeps working, and the background pass re-seals it under the active key ({@code test-1}).
 */
@ServiceTest
class TokenRotationIT {

    @Autowired
    WebTestClient http;
    @Autowired
    DatabaseClient db;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    Environment environment;

    @Test
    void reSealsTokensUnderTheOldKeyAndKeepsThemWorking() {
        http = RuntimesApi.patient(http);
        RuntimesApi api = new RuntimesApi(http, db, kafka);
        try (StubRuntime stub = new StubRuntime()) {
            String token = "tok-" + UUID.randomUUID();
            UUID id = UUID.fromString((String) api.register("rotated", stub.url(), "placeholder", List.of()).get("id"));

            // The runtime as it was before the rotation: its token sealed under the key that was active then.
            KeyRing before = KeyRing.of("test-0",
                    Map.of("test-0", environment.getRequiredProperty("mc.registry.secrets.keys.test-0")));
            Sealed old = before.seal(token, Runtime.associatedData(api.organization, id));
            db.sql("UPDATE runtime SET token_key_id = :key, token_nonce = :nonce, token_ciphertext = :ciphertext "
                            + "WHERE id = :id")
                    .bind("key", old.keyId()).bind("nonce", old.nonce()).bind("ciphertext", old.ciphertext())
                    .bind("id", id).then().block();

            await().atMost(RuntimesApi.PATIENCE).until(() -> "test-1".equals(keyOf(id)));
            assertThat(nonceOf(id)).isNotEqualTo(old.nonce());

            api.awaitHealth(id, "healthy");
            UUID execution = UUID.randomUUID();
            RuntimesApi.publish(kafka, Topics.EXECUTIONS, new TaskExecutionRequested(execution, UUID.randomUUID(),
                    api.organization, null, api.agent("rotation-agent", List.of()), "After rotation", List.of(), null,
                    1));
            await().atMost(RuntimesApi.PATIENCE).until(() -> !stub.executeRequests().isEmpty());
            assertThat(stub.executeRequests().get(0).getHeader("Authorization")).isEqualTo("Bearer " + token);
        }
    }

    private String keyOf(UUID id) {
        return db.sql("SELECT token_key_id FROM runtime WHERE id = :id").bind("id", id)
                .map(row -> row.get(0, String.class)).one().block();
    }

    private byte[] nonceOf(UUID id) {
        return db.sql("SELECT token_nonce FROM runtime WHERE id = :id").bind("id", id)
                .map(row -> row.get(0, byte[].class)).one().block();
    }
}

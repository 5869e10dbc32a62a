package io.missioncontrol.contracts.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgentKeysTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void aFormattedKeyParsesBackIntoItsIdAndSecret() {
        var id = UUID.randomUUID();
        String secret = AgentKeys.newSecret(random);

        String key = AgentKeys.format(id, secret);

        assertThat(key).startsWith("mc_").hasSize(3 + 32 + 1 + 43);
        assertThat(AgentKeys.parse(key)).contains(new AgentKeys.Presented(id, secret));
    }

    @Test
    void tokensOfOtherShapesAreNotAgentKeys() {
        var id = UUID.randomUUID().toString().replace("-", "");
        assertThat(AgentKeys.parse("eyJhbGciOiJSUzI1NiJ9.e30.sig")).isEmpty();
        assertThat(AgentKeys.parse("mc_" + id)).isEmpty();
        assertThat(AgentKeys.parse("mc_" + id + ".short")).isEmpty();
        assertThat(AgentKeys.parse("mc_" + id.toUpperCase() + "." + AgentKeys.newSecret(random))).isEmpty();
        assertThat(AgentKeys.parse(null)).isEmpty();
    }

    @Test
    void onlyTheSecretItselfMatchesItsHash() {
        String secret = AgentKeys.newSecret(random);
        String hash = AgentKeys.hash(secret);

        assertThat(hash).doesNotContain(secret);
        assertThat(AgentKeys.matches(secret, hash)).isTrue();
        assertThat(AgentKeys.matches(AgentKeys.newSecret(random), hash)).isFalse();
        assertThat(AgentKeys.matches(secret, "not base64!")).isFalse();
    }
}

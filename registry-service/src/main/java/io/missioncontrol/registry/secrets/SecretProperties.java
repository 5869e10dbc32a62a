package io.missioncontrol.registry.secrets;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The master keys that seal runtime tokens (docs/decisions/0015-runtime-secrets-and-ssrf.md).
 *
 * @param activeKeyId        the key new secrets are sealed with
 * @param keys               key id to base64 of 32 random bytes; old keys stay here until nothing is sealed under them
 * @param reencryptInterval  how often secrets still sealed under another key are re-sealed with the active one
 */
@ConfigurationProperties("mc.registry.secrets")
public record SecretProperties(String activeKeyId, Map<String, String> keys,
                               @DefaultValue("1m") Duration reencryptInterval) {

    public SecretProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }

    /**
     * The key ring as configured: a bad or missing key stops the service at start-up, rather than at the first token.
     * The key material is never part of the message.
     */
    public KeyRing keyRing() {
        return KeyRing.of(activeKeyId, keys);
    }
}

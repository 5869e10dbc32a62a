package io.missioncontrol.registry.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    private static final String K1 = KeyRing.generateKey();
    private static final String K2 = KeyRing.generateKey();

    @Test
    void sealsAndOpensWithTheSameAssociatedData() {
        KeyRing ring = KeyRing.of("k1", Map.of("k1", K1));
        Sealed sealed = ring.seal("s3cret-token", "org:runtime");
        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(sealed.nonce()).hasSize(12);
        // Ciphertext plus the 16-byte tag; no trace of the plaintext.
        assertThat(sealed.ciphertext()).hasSize("s3cret-token".length() + 16);
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
        assertThat(ring.open(sealed, "org:runtime")).isEqualTo("s3cret-token");
    }

    @Test
    void usesAFreshNonceForEverySeal() {
        KeyRing ring = KeyRing.of("k1", Map.of("k1", K1));
        Sealed first = ring.seal("same", "aad");
        Sealed second = ring.seal("same", "aad");
        assertThat(first.nonce()).isNotEqualTo(second.nonce());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    }

    @Test
    void refusesToOpenUnderOtherAssociatedData() {
        KeyRing ring = KeyRing.of("k1", Map.of("k1", K1));
        Sealed sealed = ring.seal("s3cret-token", "org-a:runtime-1");
        assertThatThrownBy(() -> ring.open(sealed, "org-b:runtime-1"))
                .isInstanceOf(KeyRing.SecretUnavailableException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void refusesATamperedCiphertext() {
        KeyRing ring = KeyRing.of("k1", Map.of("k1", K1));
        Sealed sealed = ring.seal("s3cret-token", "aad");
        byte[] altered = sealed.ciphertext().clone();
        altered[0] ^= 1;
        assertThatThrownBy(() -> ring.open(new Sealed("k1", sealed.nonce(), altered), "aad"))
                .isInstanceOf(KeyRing.SecretUnavailableException.class);
    }

    @Test
    void opensSecretsSealedUnderAnOlderKeyAfterRotation() {
        Sealed old = KeyRing.of("k1", Map.of("k1", K1)).seal("token", "aad");
        KeyRing rotated = KeyRing.of("k2", Map.of("k1", K1, "k2", K2));
        assertThat(rotated.isStale(old)).isTrue();
        assertThat(rotated.open(old, "aad")).isEqualTo("token");
        Sealed resealed = rotated.seal(rotated.open(old, "aad"), "aad");
        assertThat(resealed.keyId()).isEqualTo("k2");
        assertThat(rotated.isStale(resealed)).isFalse();
        assertThat(rotated.olderKeyIds()).containsExactly("k1");
    }

    @Test
    void failsClearlyWhenTheSealingKeyWasRemoved() {
        Sealed old = KeyRing.of("k1", Map.of("k1", K1)).seal("token", "aad");
        KeyRing without = KeyRing.of("k2", Map.of("k2", K2));
        assertThatThrownBy(() -> without.open(old, "aad"))
                .isInstanceOf(KeyRing.SecretUnavailableException.class)
                .hasMessageContaining("'k1'");
    }

    @Test
    void refusesToStartWithoutAUsable256BitKey() {
        assertThatThrownBy(() -> KeyRing.of("k1", Map.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No secret key");
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> KeyRing.of("k1", Map.of("k1", short16))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("16 bytes")
                .hasMessageNotContaining(short16);
        assertThatThrownBy(() -> KeyRing.of("k1", Map.of("k1", "not base64!"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> KeyRing.of("k9", Map.of("k1", K1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'k9'")
                .hasMessageNotContaining(K1);
        assertThatThrownBy(() -> KeyRing.of(null, Map.of("k1", K1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void treatsKeyIdsCaseInsensitivelyAsEnvironmentVariablesDo() {
        KeyRing ring = KeyRing.of("K2026", Map.of("k2026", K1));
        assertThat(ring.activeKeyId()).isEqualTo("k2026");
    }

    @Test
    void showsNoKeyMaterialOrCiphertextInToString() {
        Sealed sealed = KeyRing.of("k1", Map.of("k1", K1)).seal("token", "aad");
        assertThat(sealed.toString()).isEqualTo("Sealed[keyId=k1]");
    }
}

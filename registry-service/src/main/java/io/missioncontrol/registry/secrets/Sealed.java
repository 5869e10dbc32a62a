package io.missioncontrol.registry.secrets;

/**
 * A secret sealed with AES-256-GCM: the id of the key that sealed it, the 12-byte nonce, and the ciphertext followed
 * by the 128-bit tag. Its {@code toString} shows no bytes.
 */
public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {

    @Override
    public String toString() {
        return "Sealed[keyId=" + keyId + "]";
    }
}

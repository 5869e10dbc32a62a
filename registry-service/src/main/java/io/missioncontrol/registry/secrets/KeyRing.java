package io.missioncontrol.registry.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens secrets with AES-256-GCM under named master keys. New secrets are sealed under the active key; a
 * secret sealed under any key still in the ring opens, which is what lets the active key change without downtime.
 * Every seal takes a fresh random 12-byte nonce (the key never sees a nonce twice in practice: 2^-32 collision odds
 * only after 2^32 seals), and the associated data binds a ciphertext to the row it belongs to, so a sealed token
 * copied into another runtime or organization does not open.
 */
public final class KeyRing {

    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String activeKeyId;
    private final Map<String, SecretKey> keys;

    private KeyRing(String activeKeyId, Map<String, SecretKey> keys) {
        this.activeKeyId = activeKeyId;
        this.keys = keys;
    }

    /** Refuses a ring without a usable active 256-bit key; messages name keys, never their material. */
    public static KeyRing of(String activeKeyId, Map<String, String> encodedKeys) {
        if (encodedKeys == null || encodedKeys.isEmpty()) {
            throw new IllegalStateException("No secret key is configured: set mc.registry.secrets.keys.<id> to the "
                    + "base64 of 32 random bytes (e.g. `openssl rand -base64 32`) and mc.registry.secrets.active-key-id");
        }
        Map<String, SecretKey> keys = new TreeMap<>();
        encodedKeys.forEach((givenId, encoded) -> {
            // Ids are case-insensitive: environment variables (MC_REGISTRY_SECRETS_KEYS_<ID>) arrive in lower case.
            String id = givenId.toLowerCase(java.util.Locale.ROOT);
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalStateException("Secret key id '" + id + "' is not valid: letters, digits, '_', '-'");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(encoded == null ? "" : encoded.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Secret key '" + id + "' is not valid base64");
            }
            if (bytes.length != KEY_BYTES) {
                throw new IllegalStateException("Secret key '" + id + "' has " + bytes.length
                        + " bytes; AES-256 needs exactly " + KEY_BYTES);
            }
            keys.put(id, new SecretKeySpec(bytes, "AES"));
        });
        if (activeKeyId == null || activeKeyId.isBlank()) {
            throw new IllegalStateException("mc.registry.secrets.active-key-id is not set (keys: " + keys.keySet() + ")");
        }
        String active = activeKeyId.strip().toLowerCase(java.util.Locale.ROOT);
        if (!keys.containsKey(active)) {
            throw new IllegalStateException("The active secret key '" + active + "' is not among the configured keys "
                    + keys.keySet());
        }
        return new KeyRing(active, Map.copyOf(keys));
    }

    /** A new random key, base64: what an operator (or the local launcher) puts into the configuration. */
    public static String generateKey() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** The keys other than the active one that secrets may still be sealed under. */
    public java.util.List<String> olderKeyIds() {
        return keys.keySet().stream().filter(id -> !id.equals(activeKeyId)).sorted().toList();
    }

    /** Seals the secret under the active key, bound to the associated data. */
    public Sealed seal(String secret, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new Sealed(activeKeyId, nonce, cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Opens a sealed secret; fails when its key has left the ring, or when the ciphertext or the associated data were
     * tampered with (the tag does not verify). The exception never carries the secret.
     */
    public String open(Sealed sealed, String associatedData) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new SecretUnavailableException("The key '" + sealed.keyId() + "' that sealed this secret is no longer "
                    + "configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SecretUnavailableException("The secret does not open under key '" + sealed.keyId()
                    + "': it was altered or belongs to another object");
        }
    }

    /** True when the secret is sealed under another key than the active one: the re-encryption pass rewrites it. */
    public boolean isStale(Sealed sealed) {
        return !activeKeyId.equals(sealed.keyId());
    }

    /** A secret that cannot be opened: its key is gone or it was tampered with. */
    public static class SecretUnavailableException extends RuntimeException {
        SecretUnavailableException(String message) {
            super(message);
        }
    }
}

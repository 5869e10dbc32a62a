package io.missioncontrol.contracts.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The agent API key format, shared by its issuer (registry-service) and its checker (the gateway):
 * {@code mc_<key-id>.<secret>}, the key id as 32 hex digits and the secret as 256 random bits in unpadded base64url.
 *
 * <p>Only {@link #hash} of the secret is ever stored or published. A plain SHA-256 is the right hash here: the secret
 * is 256 uniformly random bits, so there is nothing to guess and nothing a salt or a slow hash would protect (those
 * exist for passwords people choose). It also keeps the gateway's check to microseconds on the request path.
 */
public final class AgentKeys {

    public static final String PREFIX = "mc_";
    private static final int SECRET_BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile("mc_([0-9a-f]{32})\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** A key as its holder presents it, split into its parts; says nothing about whether it is valid. */
    public record Presented(UUID keyId, String secret) {
    }

    private AgentKeys() {
    }

    /** A fresh secret: 256 bits from the given source of randomness, base64url-encoded. */
    public static String newSecret(SecureRandom random) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** The whole key, as shown once to whoever issued it. */
    public static String format(UUID keyId, String secret) {
        return PREFIX + keyId.toString().replace("-", "") + "." + secret;
    }

    /** The key id and secret of a token shaped like an agent key; empty for anything else (another kind of token). */
    public static Optional<Presented> parse(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(token);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String hex = matcher.group(1);
        var id = new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
        return Optional.of(new Presented(id, matcher.group(2)));
    }

    /** What is stored and published in place of the secret: SHA-256, base64url. */
    public static String hash(String secret) {
        return BASE64URL.encodeToString(sha256(secret));
    }

    /** Whether a presented secret has the stored hash, in time that does not depend on where they differ. */
    public static boolean matches(String secret, String expectedHash) {
        byte[] expected;
        try {
            expected = Base64.getUrlDecoder().decode(expectedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(secret), expected);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}

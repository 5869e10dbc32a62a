package io.missioncontrol.platform.security;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The internal token's RSA keys as PEM text: the gateway signs with the private key (PKCS#8,
 * {@code BEGIN PRIVATE KEY}), every service verifies with the public key (X.509 SubjectPublicKeyInfo,
 * {@code BEGIN PUBLIC KEY}) — the formats {@code openssl genpkey} and {@code openssl pkey -pubout} write.
 * The launcher and tests make a fresh pair with {@link #generate()}.
 */
public final class InternalKeys {

    private static final int KEY_BITS = 2048;

    /** Both halves of a key pair, ready for {@code mc.internal-token.private-key} and {@code .public-key}. */
    public record PemKeyPair(String privateKeyPem, String publicKeyPem) {

        @Override
        public String toString() {
            return "PemKeyPair[privateKeyPem=<redacted>, publicKeyPem=" + publicKeyPem + "]";
        }
    }

    private InternalKeys() {
    }

    public static PemKeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            KeyPair pair = generator.generateKeyPair();
            return new PemKeyPair(pem("PRIVATE KEY", pair.getPrivate()), pem("PUBLIC KEY", pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime can generate RSA keys", e);
        }
    }

    /** A literal {@code \n} for each line break is accepted too, as environment files often hold one-line values. */
    public static RSAPublicKey publicKeyFromPem(String pem) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("Not an RSA public key in PEM (-----BEGIN PUBLIC KEY-----)");
        }
    }

    /** A literal {@code \n} for each line break is accepted too, as environment files often hold one-line values. */
    public static RSAPrivateKey privateKeyFromPem(String pem) {
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            // The cause could quote key material; say only what was expected.
            throw new IllegalArgumentException("Not an RSA private key in PEM PKCS#8 (-----BEGIN PRIVATE KEY-----)");
        }
    }

    private static byte[] der(String pem) {
        String base64 = pem.replace("\\n", "\n").replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    private static String pem(String type, Key key) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}

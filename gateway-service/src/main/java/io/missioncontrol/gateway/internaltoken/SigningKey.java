package io.missioncontrol.gateway.internaltoken;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Reads the signing key from PEM. The platform module has the verifying half (and the key generator); the gateway
 * does not depend on platform, so these few lines exist twice.
 */
final class SigningKey {

    private static final int MINIMUM_BITS = 2048;

    private SigningKey() {
    }

    /**
     * @param pem PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}); a literal {@code \n} for each line break is accepted
     *            too, as environment files often hold one-line values
     */
    static RSAPrivateKey fromPem(@Nullable String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalStateException("mc.internal-token.private-key (env MC_INTERNAL_TOKEN_PRIVATE_KEY) is not set:"
                    + " the gateway signs the token every service checks, so it cannot start without its key");
        }
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalStateException("mc.internal-token.private-key is a PKCS#1 key; convert it to PKCS#8 with:"
                    + " openssl pkcs8 -topk8 -nocrypt -in key.pem");
        }
        try {
            String base64 = pem.replace("\\n", "\n").replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            var spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
            var key = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(spec);
            if (key.getModulus().bitLength() < MINIMUM_BITS) {
                throw new IllegalStateException("mc.internal-token.private-key has " + key.getModulus().bitLength()
                        + " bits; RS256 needs at least " + MINIMUM_BITS);
            }
            return key;
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            // The cause would quote key material; say only what was expected.
            throw new IllegalStateException("mc.internal-token.private-key is not an RSA private key in PEM PKCS#8"
                    + " (-----BEGIN PRIVATE KEY-----)");
        }
    }
}

package io.missioncontrol.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class InternalKeysTest {

    private static final InternalKeys.PemKeyPair PAIR = InternalKeys.generate();

    @Test
    void generatedPairIsPemThatReadsBackAsOneKeyPair() {
        assertThat(PAIR.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(PAIR.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");

        var privateKey = InternalKeys.privateKeyFromPem(PAIR.privateKeyPem());
        var publicKey = InternalKeys.publicKeyFromPem(PAIR.publicKeyPem());

        assertThat(publicKey.getModulus()).isEqualTo(privateKey.getModulus());
        assertThat(publicKey.getModulus().bitLength()).isEqualTo(2048);
        BigInteger message = BigInteger.valueOf(42);
        BigInteger signed = message.modPow(privateKey.getPrivateExponent(), privateKey.getModulus());
        assertThat(signed.modPow(publicKey.getPublicExponent(), publicKey.getModulus())).isEqualTo(message);
    }

    @Test
    void pemWrittenOnOneLineWithEscapedBreaksIsRead() {
        String oneLine = PAIR.publicKeyPem().replace("\n", "\\n");

        assertThat(InternalKeys.publicKeyFromPem(oneLine)).isEqualTo(InternalKeys.publicKeyFromPem(PAIR.publicKeyPem()));
    }

    @Test
    void privateKeyIsNotReadAsPublicKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> InternalKeys.publicKeyFromPem(PAIR.privateKeyPem()))
                .withMessageContaining("BEGIN PUBLIC KEY");
    }

    @Test
    void pairNeverPrintsItsPrivateKey() {
        assertThat(PAIR.toString()).doesNotContain(PAIR.privateKeyPem()).contains("<redacted>");
    }
}

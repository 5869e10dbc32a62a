package io.missioncontrol.gateway.internaltoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.missioncontrol.gateway.TestKeys;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class SigningKeyTest {

    @Test
    void readsPkcs8Pem() {
        assertThat(SigningKey.fromPem(TestKeys.privateKeyPem()).getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void readsPemWrittenOnOneLineWithEscapedBreaks() {
        String oneLine = TestKeys.privateKeyPem().replace("\n", "\\n");

        assertThat(SigningKey.fromPem(oneLine)).isNotNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingKeyRefusesStart(String pem) {
        assertThatIllegalStateException().isThrownBy(() -> SigningKey.fromPem(pem))
                .withMessageContaining("MC_INTERNAL_TOKEN_PRIVATE_KEY");
    }

    @Test
    void garbageRefusesStartWithoutQuotingIt() {
        String pem = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----";

        assertThatIllegalStateException().isThrownBy(() -> SigningKey.fromPem(pem))
                .withMessageContaining("not an RSA private key")
                .withMessageNotContaining("bm90IGEga2V5")
                .withNoCause();
    }

    @Test
    void pkcs1KeySaysHowToConvertIt() {
        assertThatIllegalStateException()
                .isThrownBy(() -> SigningKey.fromPem("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .withMessageContaining("openssl pkcs8");
    }

    @Test
    void weakKeyRefusesStart() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String pem = TestKeys.pem(generator.generateKeyPair().getPrivate());

        assertThatIllegalStateException().isThrownBy(() -> SigningKey.fromPem(pem)).withMessageContaining("2048");
    }
}

package io.missioncontrol.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.missioncontrol.gateway.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AdminTokenPolicyTest {

    @Test
    void randomTokenIsAccepted() {
        String token = TestKeys.randomToken();
        assertThat(AdminTokenPolicy.requireUsable(token)).isEqualTo(token);
    }

    @Test
    void longPassphraseIsAccepted() {
        assertThat(AdminTokenPolicy.problemWith("mission-control-local-admin-7f3c9e21-b4d8-4a6f-9c0e-5d2b8a1f4e73"))
                .isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void missingTokenRefusesStart(String token) {
        assertThatIllegalStateException().isThrownBy(() -> AdminTokenPolicy.requireUsable(token))
                .withMessageContaining("MC_ADMIN_TOKEN").withMessageContaining("is not set");
    }

    @Test
    void shortTokenRefusesStartWithoutRevealingIt() {
        String token = TestKeys.randomToken().substring(0, 49);
        assertThatIllegalStateException().isThrownBy(() -> AdminTokenPolicy.requireUsable(token))
                .withMessageContaining("too short (49 characters)")
                .withMessageContaining("at least 50")
                .withMessageNotContaining(token);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "changeme", "secret", "placeholder", "example", "your-token-here",
            "changemechangemechangemechangemechangemechangemechangeme",
            "secretsecretsecretsecretsecretsecretsecretsecretsecret",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "0123456789012345678901234567890123456789012345678901234567890123",
            "your-token-here-replace-with-something-long-enough-to-pass",
            "this-is-a-PLACEHOLDER-value-that-is-longer-than-fifty-chars-q8z",
            "example-admin-token-0b9f2c4e6a8d1f3b5c7e9a0d2f4b6c8e0a1b3c5d7",
            "CHANGE_ME_BEFORE_PRODUCTION_0b9f2c4e6a8d1f3b5c7e9a0d2f4b6c8e0a"})
    void placeholderRefusesStart(String token) {
        assertThatIllegalStateException().isThrownBy(() -> AdminTokenPolicy.requireUsable(token))
                .withMessageContaining("mc.gateway.admin-token");
    }

    @Test
    void tokenThatCannotTravelInAHeaderRefusesStart() {
        String token = TestKeys.randomToken() + " with spaces";
        assertThat(AdminTokenPolicy.problemWith(token)).hasValueSatisfying(problem ->
                assertThat(problem).contains("may only contain"));
    }
}

package io.missioncontrol.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OidcSettingsTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void signInIsOffWithoutAKeySetLocation(String jwkSetUri) {
        assertThat(new OidcProperties(jwkSetUri, null, List.of(), Duration.ofSeconds(60)).enabled()).isFalse();
    }

    @Test
    void signInWithoutAnIssuerRefusesStart() {
        var properties = new OidcProperties("https://idp.example.com/jwks", " ", List.of(), Duration.ofSeconds(60));

        assertThatIllegalStateException().isThrownBy(() -> OidcAuthenticator.from(properties))
                .withMessageContaining("MC_OIDC_ISSUER");
    }

    @ParameterizedTest
    @ValueSource(strings = {"idp.example.com/jwks", "file:///etc/jwks.json", "https://"})
    void keySetLocationThatIsNoHttpUrlRefusesStart(String jwkSetUri) {
        var properties = new OidcProperties(jwkSetUri, "https://idp.example.com", List.of(), Duration.ofSeconds(60));

        assertThatIllegalStateException().isThrownBy(() -> OidcAuthenticator.from(properties))
                .withMessageContaining("MC_OIDC_JWK_SET_URI");
    }

    @Test
    void blankAudiencesAreIgnored() {
        var properties = new OidcProperties("https://idp.example.com/jwks", "https://idp.example.com",
                List.of("", " api ", " "), Duration.ofSeconds(60));

        assertThat(properties.audience()).containsExactly("api");
        assertThat(OidcAuthenticator.from(properties)).isNotNull();
    }
}

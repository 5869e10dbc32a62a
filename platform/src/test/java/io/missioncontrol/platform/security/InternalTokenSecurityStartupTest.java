package io.missioncontrol.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

class InternalTokenSecurityStartupTest {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withUserConfiguration(InternalTokenSecurityConfiguration.class);

    @Test
    void serviceWithoutGatewayPublicKeyRefusesToStart() {
        runner.run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("MC_INTERNAL_TOKEN_PUBLIC_KEY"));
    }

    @Test
    void serviceWithSomethingElseThanAPublicKeyRefusesToStart() {
        runner.withPropertyValues("mc.internal-token.public-key=" + InternalKeys.generate().privateKeyPem())
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("mc.internal-token.public-key"));
    }

    @Test
    void serviceWithGatewayPublicKeyStarts() {
        runner.withPropertyValues("mc.internal-token.public-key=" + InternalKeys.generate().publicKeyPem())
                .run(context -> assertThat(context).hasNotFailed());
    }
}

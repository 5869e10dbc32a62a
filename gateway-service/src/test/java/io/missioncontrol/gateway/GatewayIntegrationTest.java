package io.missioncontrol.gateway;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The running gateway in front of stub services. Every subclass shares one application context: same annotations,
 * same dynamic properties. The approval service is down on purpose; people sign in at a stand-in identity provider;
 * agent keys come from the real test Kafka broker ({@link CredentialEvents}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway-service",
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s",
        "mc.gateway.rate-limit.user.requests-per-second=1",
        "mc.gateway.rate-limit.user.burst=20"})
@AutoConfigureWebTestClient
abstract class GatewayIntegrationTest {

    private static final StubService TASK = StubService.start("task");
    private static final StubService REGISTRY = StubService.start("registry");
    private static final StubService TELEMETRY = StubService.start("telemetry");
    private static final String APPROVAL_DOWN = StubService.unreachableUrl();
    static final TestIdentityProvider IDENTITY_PROVIDER = TestIdentityProvider.start();

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("mc.gateway.admin-token", () -> TestKeys.ADMIN_TOKEN);
        registry.add("mc.internal-token.private-key", TestKeys::privateKeyPem);
        registry.add("mc.gateway.services.task", TASK::url);
        registry.add("mc.gateway.services.registry", REGISTRY::url);
        registry.add("mc.gateway.services.telemetry", TELEMETRY::url);
        registry.add("mc.gateway.services.approval", () -> APPROVAL_DOWN);
        registry.add("mc.gateway.oidc.jwk-set-uri", IDENTITY_PROVIDER::jwkSetUri);
        registry.add("mc.gateway.oidc.issuer", () -> TestIdentityProvider.ISSUER);
        registry.add("mc.gateway.oidc.audience", () -> TestIdentityProvider.AUDIENCE);
        registry.add("spring.kafka.bootstrap-servers", CredentialEvents::bootstrapServers);
    }

    WebTestClient.RequestHeadersSpec<?> asAdmin(String path) {
        return client.get().uri(path).headers(headers -> headers.setBearerAuth(TestKeys.ADMIN_TOKEN));
    }
}

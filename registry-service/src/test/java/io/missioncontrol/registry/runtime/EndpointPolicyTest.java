package io.missioncontrol.registry.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.platform.web.ApiException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EndpointPolicyTest {

    /** A resolver that answers from a table, so no test depends on real DNS. */
    private static EndpointPolicy policy(List<String> allowed, Map<String, String> dns) {
        return new EndpointPolicy(allowed, host -> {
            String address = dns.getOrDefault(host, host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(address)};
        });
    }

    private static String code(Runnable check) {
        try {
            check.run();
            return null;
        } catch (ApiException e) {
            return e.code();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://localhost:8080", "http://[::1]/", "http://169.254.169.254/latest",
            "http://10.1.2.3", "http://172.16.0.1", "http://172.31.255.255", "http://192.168.1.1", "http://100.64.0.1",
            "http://[fc00::1]", "http://[fd12:3456::1]", "http://[fe80::1]", "http://0.0.0.0", "http://224.0.0.1",
            "http://[::ffff:127.0.0.1]/", "http://2130706433/"})
    void refusesInternalTargets(String url) {
        EndpointPolicy policy = policy(List.of(), Map.of("localhost", "127.0.0.1", "2130706433", "127.0.0.1"));
        assertThat(code(() -> policy.check(URI.create(url)))).isEqualTo("endpoint_not_allowed");
    }

    @Test
    void refusesAHostThatResolvesToAnInternalAddress() {
        EndpointPolicy policy = policy(List.of(), Map.of("evil.example.com", "169.254.169.254"));
        assertThatThrownBy(() -> policy.check(URI.create("https://evil.example.com/")))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("169.254.169.254");
    }

    @Test
    void acceptsPublicTargets() {
        EndpointPolicy policy = policy(List.of(), Map.of("runtime.example.com", "93.184.216.34"));
        assertThatCode(() -> policy.check(URI.create("https://runtime.example.com/gw"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(URI.create("http://8.8.8.8:9000"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(URI.create("http://172.32.0.1"))).doesNotThrowAnyException();
    }

    @Test
    void letsTheAllowListPermitNetworksAndHosts() {
        EndpointPolicy policy = policy(List.of("10.20.0.0/16", "runtime.internal", "127.0.0.1"),
                Map.of("runtime.internal", "10.99.0.1"));
        assertThatCode(() -> policy.check(URI.create("http://10.20.3.4"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(URI.create("http://runtime.internal:8080"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(URI.create("http://127.0.0.1:1234"))).doesNotThrowAnyException();
        assertThat(code(() -> policy.check(URI.create("http://10.21.0.1")))).isEqualTo("endpoint_not_allowed");
        assertThat(code(() -> policy.check(URI.create("http://127.0.0.2")))).isEqualTo("endpoint_not_allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://runtime.example.com", "file:///etc/passwd", "gopher://x", "javascript:alert(1)",
            "https://user:pass@runtime.example.com"})
    void refusesOtherSchemesAndUserInfo(String url) {
        assertThat(code(() -> EndpointPolicy.parse(url))).isEqualTo("endpoint_not_allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "https://", "https://runtime.example.com/?x=1", "http:///path"})
    void refusesMalformedUrls(String url) {
        assertThat(code(() -> EndpointPolicy.parse(url))).isEqualTo("invalid_endpoint_url");
    }

    @Test
    void refusesAHostThatDoesNotResolve() {
        EndpointPolicy policy = new EndpointPolicy(List.of(), host -> {
            throw new UnknownHostException(host);
        });
        assertThat(code(() -> policy.check(URI.create("https://nowhere.invalid")))).isEqualTo("endpoint_unresolvable");
    }
}

package io.missioncontrol.registry.runtime;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How registry-service talks to runtimes.
 *
 * @param allowedNetworks host names and networks (CIDR or single addresses) a runtime endpoint may point into although
 *                        they are loopback, link-local or private: empty in production, so a tenant cannot make the
 *                        control plane call its own internals; the local run and tests allow their own machine
 * @param health          the scheduled health check
 * @param dispatch        calls to a runtime's execute endpoint
 * @param circuitBreaker  one breaker per runtime, shared by health checks and dispatch
 */
@ConfigurationProperties("mc.registry.runtimes")
public record RuntimeProperties(List<String> allowedNetworks,
                                @DefaultValue Health health,
                                @DefaultValue Dispatch dispatch,
                                @DefaultValue CircuitBreaker circuitBreaker) {

    public RuntimeProperties {
        allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
    }

    /**
     * @param interval how often every runtime is checked
     * @param timeout  one attempt's limit
     * @param retries  attempts after the first before the runtime counts as unhealthy
     * @param backoff  the first pause between attempts (doubling)
     * @param enabled  off in tests that drive checks themselves
     */
    public record Health(@DefaultValue("30s") Duration interval, @DefaultValue("3s") Duration timeout,
                         @DefaultValue("1") int retries, @DefaultValue("200ms") Duration backoff,
                         @DefaultValue("true") boolean enabled) {
    }

    /**
     * @param timeout one attempt's limit
     * @param retries attempts on the same runtime after the first, before failing over to the next one
     * @param backoff the first pause between attempts (doubling)
     * @param total   the limit for a whole dispatch, all runtimes and retries included: a request never hangs
     */
    public record Dispatch(@DefaultValue("5s") Duration timeout, @DefaultValue("1") int retries,
                           @DefaultValue("200ms") Duration backoff, @DefaultValue("30s") Duration total) {
    }

    /**
     * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
     * @param minimumCalls         calls in the window before the rate counts
     * @param windowSize           calls the rate is computed over
     * @param waitInOpen           how long an open breaker refuses calls before it lets a trial call through
     */
    public record CircuitBreaker(@DefaultValue("50") float failureRateThreshold, @DefaultValue("4") int minimumCalls,
                                 @DefaultValue("10") int windowSize, @DefaultValue("30s") Duration waitInOpen) {
    }
}

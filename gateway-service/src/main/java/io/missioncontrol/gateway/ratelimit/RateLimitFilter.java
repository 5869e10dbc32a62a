package io.missioncontrol.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.missioncontrol.gateway.auth.GatewayCaller;
import io.missioncontrol.gateway.web.Problem;
import java.time.Duration;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A token bucket per caller: a runaway agent or script gets 429 {@code rate_limited} with {@code Retry-After} instead
 * of starving everyone else. Keyed by who the caller is (agent id, person's subject), not by address, so agents behind
 * one NAT do not share a budget and one agent cannot escape its budget by changing address.
 */
final class RateLimitFilter implements GlobalFilter, Ordered {

    static final String REMAINING = "X-RateLimit-Remaining";

    private final RateLimitProperties properties;
    /** Idle callers' buckets are full again anyway: forgetting them after a while loses nothing and bounds memory. */
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();

    RateLimitFilter(RateLimitProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .flatMap(principal -> principal instanceof Authentication authentication
                        && authentication.getPrincipal() instanceof GatewayCaller caller
                        ? Mono.just(caller) : Mono.<GatewayCaller>empty())
                .map(caller -> secondsToWait(exchange, caller))
                .defaultIfEmpty(0L)
                .flatMap(wait -> wait == 0 ? chain.filter(exchange)
                        : Problem.of(HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
                                "Too many requests; try again in " + wait + " s").writeTo(exchange.getResponse()));
    }

    /** Consumes a token and sets the headers: 0 when the request may go on, else whole seconds until it may. */
    private long secondsToWait(ServerWebExchange exchange, GatewayCaller caller) {
        RateLimitProperties.Limit limit = limitFor(caller.kind());
        if (!properties.enabled() || limit.unlimited()) {
            return 0;
        }
        Bucket bucket = buckets.get(caller.kind().wireName() + ":" + caller.subject(), key -> newBucket(limit));
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        var headers = exchange.getResponse().getHeaders();
        headers.set(REMAINING, Long.toString(probe.getRemainingTokens()));
        if (probe.isConsumed()) {
            return 0;
        }
        // Rounded up: a client that waits exactly this long finds a token.
        long retryAfterSeconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return retryAfterSeconds;
    }

    private RateLimitProperties.Limit limitFor(GatewayCaller.Kind kind) {
        return switch (kind) {
            case AGENT -> properties.agent();
            case USER -> properties.user();
            case ADMIN -> properties.admin();
        };
    }

    private static Bucket newBucket(RateLimitProperties.Limit limit) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.burst())
                        .refillGreedy(limit.requestsPerSecond(), Duration.ofSeconds(1))
                        .build())
                .build();
    }

    /** Before the internal token is minted: a refused request costs no signature. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 50;
    }
}

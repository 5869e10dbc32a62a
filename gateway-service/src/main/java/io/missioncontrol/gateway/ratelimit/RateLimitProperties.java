package io.missioncontrol.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Requests each caller may make, by kind of caller. Buckets are per caller (an agent, a person), kept in each gateway
 * replica's memory: with N replicas behind a load balancer a caller gets up to N times the rate (approximate, see
 * docs/decisions/0019-rate-limits.md).
 */
@ConfigurationProperties("mc.gateway.rate-limit")
record RateLimitProperties(boolean enabled, Limit agent, Limit user, Limit admin) {

    RateLimitProperties {
        agent = agent == null ? Limit.UNLIMITED : agent;
        user = user == null ? Limit.UNLIMITED : user;
        admin = admin == null ? Limit.UNLIMITED : admin;
    }

    /**
     * @param requestsPerSecond the sustained rate; 0 means no limit
     * @param burst             how many requests may come at once after a quiet spell (at least the rate)
     */
    record Limit(int requestsPerSecond, int burst) {

        static final Limit UNLIMITED = new Limit(0, 0);

        Limit {
            if (requestsPerSecond < 0 || burst < 0) {
                throw new IllegalArgumentException("Rate limits cannot be negative");
            }
            burst = Math.max(burst, requestsPerSecond);
        }

        boolean unlimited() {
            return requestsPerSecond == 0;
        }
    }
}

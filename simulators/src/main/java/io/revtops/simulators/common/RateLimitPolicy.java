package io.revtops.simulators.common;

import java.time.Duration;

/** At most {@code maxRequests} per credential in each fixed window of {@code window}. */
public record RateLimitPolicy(int maxRequests, Duration window) {

    public RateLimitPolicy {
        if (maxRequests < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs maxRequests >= 1 and a positive window");
        }
    }
}

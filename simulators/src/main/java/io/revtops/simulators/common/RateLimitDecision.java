package io.revtops.simulators.common;

import java.time.Duration;

/** The outcome of counting one request against a {@link RateLimitPolicy}. */
public record RateLimitDecision(boolean allowed, int max, int remaining, Duration window, Duration retryAfter) {

    /** Whole seconds to wait, at least one. */
    public int retryAfterSeconds() {
        return (int) Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}

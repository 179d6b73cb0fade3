package io.revtops.connectors.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the shared vendor HTTP layer behaves, read once from {@code revtops.http.*} (environment variables
 * {@code REVTOPS_HTTP_*}, e.g. {@code REVTOPS_HTTP_MAX_ATTEMPTS=3}). Every value has a safe default.
 *
 * @param connectTimeout   TCP/TLS connect timeout of the one shared client
 * @param requestTimeout   how long one attempt may take until the whole answer has arrived
 * @param maxAttempts      attempts per request including the first (429, 5xx, timeouts and I/O errors are retried)
 * @param backoffBase      first backoff wait; grows by {@code backoffMultiplier} per attempt, with ±50 % jitter
 * @param backoffMultiplier growth of the backoff per attempt
 * @param backoffCap       longest backoff wait
 * @param maxRetryAfter    longest {@code Retry-After} we wait inside one call; longer ones end the call at once with
 *                         {@code RateLimited(retryAfter)} so the caller reschedules instead of holding a sync
 * @param permitWait       longest wait for a rate-limiter permit before the call fails as {@code RateLimited}
 * @param rateLimits       per connector slug and API bucket, {@code "<permits>/<period>"} (e.g. {@code 100/10s});
 *                         overrides {@link RateLimitTable#DEFAULTS}
 */
@ConfigurationProperties(prefix = "revtops.http")
public record HttpSettings(
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration backoffBase,
        double backoffMultiplier,
        Duration backoffCap,
        Duration maxRetryAfter,
        Duration permitWait,
        Map<String, Map<String, String>> rateLimits) {

    public HttpSettings {
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) connectTimeout = Duration.ofSeconds(10);
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) requestTimeout = Duration.ofSeconds(30);
        if (maxAttempts <= 0) maxAttempts = 5;
        if (backoffBase == null || backoffBase.isNegative() || backoffBase.isZero()) backoffBase = Duration.ofMillis(200);
        if (backoffMultiplier < 1.0) backoffMultiplier = 2.0;
        if (backoffCap == null || backoffCap.compareTo(backoffBase) < 0) backoffCap = Duration.ofSeconds(10);
        if (maxRetryAfter == null || maxRetryAfter.isNegative()) maxRetryAfter = Duration.ofSeconds(60);
        if (permitWait == null || permitWait.isNegative()) permitWait = Duration.ofMinutes(2);
        rateLimits = rateLimits == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(rateLimits));
    }

    /** All defaults. */
    public static HttpSettings defaults() {
        return new HttpSettings(null, null, 0, null, 0, null, null, null, null);
    }

    public HttpSettings withRequestTimeout(Duration timeout) {
        return new HttpSettings(connectTimeout, timeout, maxAttempts, backoffBase, backoffMultiplier, backoffCap,
                maxRetryAfter, permitWait, rateLimits);
    }

    public HttpSettings withMaxAttempts(int attempts) {
        return new HttpSettings(connectTimeout, requestTimeout, attempts, backoffBase, backoffMultiplier, backoffCap,
                maxRetryAfter, permitWait, rateLimits);
    }

    public HttpSettings withBackoff(Duration base, Duration cap) {
        return new HttpSettings(connectTimeout, requestTimeout, maxAttempts, base, backoffMultiplier, cap,
                maxRetryAfter, permitWait, rateLimits);
    }

    public HttpSettings withRateLimits(Map<String, Map<String, String>> limits) {
        return new HttpSettings(connectTimeout, requestTimeout, maxAttempts, backoffBase, backoffMultiplier, backoffCap,
                maxRetryAfter, permitWait, limits);
    }

    public HttpSettings withMaxRetryAfter(Duration max) {
        return new HttpSettings(connectTimeout, requestTimeout, maxAttempts, backoffBase, backoffMultiplier, backoffCap,
                max, permitWait, rateLimits);
    }
}

package io.revtops.connectors.http;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-wide token buckets, one per (integration, API bucket), so every client made for the same integration
 * — by a sync, the agent and the approvals executor at once — shares one budget for as long as the process runs.
 */
public final class ApiRateLimiters {

    private final RateLimitTable table;
    private final Duration permitWait;
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    public ApiRateLimiters(RateLimitTable table, Duration permitWait) {
        this.table = table;
        this.permitWait = permitWait;
    }

    /** The limiter of one integration's bucket, created on first use. */
    public RateLimiter limiter(String slug, UUID integrationId, String bucket) {
        String key = slug + ":" + integrationId + ":" + bucket;
        return limiters.computeIfAbsent(key, k -> {
            RateLimitTable.Limit limit = table.limit(slug, bucket);
            return RateLimiter.of(k, RateLimiterConfig.custom()
                    .limitForPeriod(limit.permits())
                    .limitRefreshPeriod(limit.period())
                    .timeoutDuration(permitWait)
                    .build());
        });
    }
}

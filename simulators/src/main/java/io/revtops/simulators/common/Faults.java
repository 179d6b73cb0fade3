package io.revtops.simulators.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Failure injection and rate limiting for one simulator. Faults queue up in order and each applies to
 * the next requests whose path starts with its prefix; settable from Java or by {@code POST /__sim/faults}.
 */
public final class Faults {

    private static final class Entry {
        final Fault fault;
        final String pathPrefix;
        int remaining;

        Entry(Fault fault, int remaining, String pathPrefix) {
            this.fault = fault;
            this.remaining = remaining;
            this.pathPrefix = pathPrefix;
        }
    }

    private record Window(Instant start, int used) {
    }

    private final List<Entry> pending = new ArrayList<>();
    private final Map<String, Window> windows = new HashMap<>();
    private final TokenRegistry tokens;
    private final Clock clock;
    private Optional<RateLimitPolicy> policy = Optional.empty();

    public Faults(TokenRegistry tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The next {@code count} requests get the vendor's 429 with {@code Retry-After: retryAfterSeconds}. */
    public Faults rateLimitNext(int count, int retryAfterSeconds) {
        return inject(new Fault.RateLimited(retryAfterSeconds), count, "");
    }

    /** The next {@code count} requests get the vendor's quota-exhausted answer. */
    public Faults quotaExhaustedNext(int count) {
        return inject(new Fault.QuotaExhausted(), count, "");
    }

    /** The next {@code count} requests get a 500 in the vendor's error shape. */
    public Faults serverErrorNext(int count) {
        return serverErrorNext(count, 500);
    }

    public Faults serverErrorNext(int count, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("server errors are 5xx, not " + status);
        }
        return inject(new Fault.ServerError(status), count, "");
    }

    /** The next {@code count} requests are answered only after {@code delay}. */
    public Faults delayNext(int count, Duration delay) {
        return inject(new Fault.Delay(delay), count, "");
    }

    /** The next {@code count} requests answer 200 with a body cut in the middle of the JSON. */
    public Faults truncateNext(int count) {
        return inject(new Fault.TruncatedBody(), count, "");
    }

    /** Queues {@code fault} for the next {@code count} requests whose path starts with {@code pathPrefix}. */
    public synchronized Faults inject(Fault fault, int count, String pathPrefix) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        pending.add(new Entry(fault, count, pathPrefix == null ? "" : pathPrefix));
        return this;
    }

    /** Revokes a credential (in the registry shared by all simulators). */
    public Faults revoke(String token) {
        tokens.revoke(token);
        return this;
    }

    /** Limits every credential to {@code maxRequests} per {@code window}; beyond it the vendor's rate-limit answer. */
    public synchronized Faults limitRate(int maxRequests, Duration window) {
        policy = Optional.of(new RateLimitPolicy(maxRequests, window));
        windows.clear();
        return this;
    }

    public synchronized Faults clearRateLimit() {
        policy = Optional.empty();
        windows.clear();
        return this;
    }

    public synchronized Optional<RateLimitPolicy> rateLimitPolicy() {
        return policy;
    }

    /** Drops every pending fault and the rate limit. */
    public synchronized void reset() {
        pending.clear();
        policy = Optional.empty();
        windows.clear();
    }

    public synchronized List<PendingFault> pending() {
        return pending.stream().map(e -> new PendingFault(e.fault, e.remaining, e.pathPrefix)).toList();
    }

    /** Takes the fault for a request to {@code path}, if one is pending. */
    synchronized Optional<Fault> next(String path) {
        Iterator<Entry> it = pending.iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (path.startsWith(e.pathPrefix)) {
                e.remaining--;
                if (e.remaining <= 0) {
                    it.remove();
                }
                return Optional.of(e.fault);
            }
        }
        return Optional.empty();
    }

    /** Counts one request of {@code credential} against the rate-limit policy, if any. */
    synchronized Optional<RateLimitDecision> count(String credential) {
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        RateLimitPolicy p = policy.get();
        Instant now = clock.instant();
        Window w = windows.get(credential);
        if (w == null || !now.isBefore(w.start().plus(p.window()))) {
            w = new Window(now, 0);
        }
        Duration left = Duration.between(now, w.start().plus(p.window()));
        if (w.used() >= p.maxRequests()) {
            windows.put(credential, w);
            return Optional.of(new RateLimitDecision(false, p.maxRequests(), 0, p.window(), left));
        }
        w = new Window(w.start(), w.used() + 1);
        windows.put(credential, w);
        return Optional.of(new RateLimitDecision(true, p.maxRequests(), p.maxRequests() - w.used(), p.window(), left));
    }

    /**
     * Applies a JSON command (or an array of them) as sent to {@code POST /__sim/faults}: {@code type} is
     * one of rate_limit, quota_exhausted, server_error, delay, truncate, revoke, rate_limit_policy, reset;
     * {@code count} (default 1), {@code path} (prefix, default all), {@code retryAfterSeconds},
     * {@code status}, {@code delayMs}, {@code token}, {@code maxRequests}, {@code windowMs}.
     */
    public void apply(JsonNode command) {
        if (command.isArray()) {
            command.forEach(this::apply);
            return;
        }
        String type = command.path("type").asString("");
        int count = command.path("count").asInt(1);
        String path = command.path("path").asString("");
        switch (type) {
            case "rate_limit" -> inject(new Fault.RateLimited(command.path("retryAfterSeconds").asInt(1)), count, path);
            case "quota_exhausted" -> inject(new Fault.QuotaExhausted(), count, path);
            case "server_error" -> inject(new Fault.ServerError(command.path("status").asInt(500)), count, path);
            case "delay" -> inject(new Fault.Delay(Duration.ofMillis(command.path("delayMs").asLong(1000))), count, path);
            case "truncate" -> inject(new Fault.TruncatedBody(), count, path);
            case "revoke" -> revoke(command.path("token").asString(""));
            case "rate_limit_policy" -> {
                int max = command.path("maxRequests").asInt(0);
                if (max <= 0) {
                    clearRateLimit();
                } else {
                    limitRate(max, Duration.ofMillis(command.path("windowMs").asLong(10_000)));
                }
            }
            case "reset" -> reset();
            default -> throw new IllegalArgumentException("unknown fault type '" + type + "'");
        }
    }

    /** The pending faults and policy as JSON-ready maps. */
    public synchronized Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Entry e : pending) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fault", e.fault.toString());
            m.put("remaining", e.remaining);
            m.put("path", e.pathPrefix);
            list.add(m);
        }
        out.put("pending", list);
        out.put("rateLimitPolicy", policy.map(p -> Map.of("maxRequests", p.maxRequests(),
                "windowMs", p.window().toMillis())).orElse(null));
        return out;
    }
}

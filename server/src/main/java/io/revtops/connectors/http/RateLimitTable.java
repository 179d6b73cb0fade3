package io.revtops.connectors.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request budget per connector slug and API bucket ({@code ApiRequest.api()}), written {@code "<permits>/<period>"}.
 * Defaults follow the vendors' published limits with some headroom; {@code revtops.http.rate-limits.<slug>.<bucket>}
 * (env {@code REVTOPS_HTTP_RATELIMITS_<SLUG>_<BUCKET>}) overrides one. A bucket without an entry uses the slug's
 * {@code default} bucket, and a slug without one uses {@link #FALLBACK}.
 */
public final class RateLimitTable {

    /** A budget: {@code permits} requests per {@code period}. */
    public record Limit(int permits, Duration period) {
        public Limit {
            if (permits < 1) throw new IllegalArgumentException("a rate limit needs at least one permit");
            if (period == null || period.isZero() || period.isNegative()) throw new IllegalArgumentException("a rate limit needs a period");
        }

        @Override
        public String toString() {
            return permits + "/" + period.toMillis() + "ms";
        }
    }

    public static final Limit FALLBACK = new Limit(10, Duration.ofSeconds(1));

    /**
     * HubSpot: 100 requests per 10 s per private app / OAuth install (Professional tier; 190 on Enterprise), the
     * search endpoints 5/s per account (we use 4). Salesforce: no per-second limit but a daily quota; 25/s keeps
     * one integration from starving others. Apollo: plan-dependent per-minute limits; 5/s is safe for enrichment.
     * Gmail: 250 quota units per user per second, 5 units per messages.get/list (100 per send): 40 calls/s.
     * Slack: the read methods we use are Tier 3 (50+ per minute per workspace); posting is about one message per
     * second per channel, with bursts tolerated.
     */
    public static final Map<String, Map<String, Limit>> DEFAULTS = Map.of(
            "hubspot", Map.of("default", new Limit(100, Duration.ofSeconds(10)), "search", new Limit(4, Duration.ofSeconds(1))),
            "salesforce", Map.of("default", new Limit(25, Duration.ofSeconds(1))),
            "apollo", Map.of("default", new Limit(5, Duration.ofSeconds(1))),
            "gmail", Map.of("default", new Limit(40, Duration.ofSeconds(1))),
            "slack", Map.of("default", new Limit(50, Duration.ofMinutes(1)), "post", new Limit(60, Duration.ofMinutes(1))));

    private static final Pattern SPEC = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d*)\\s*(ms|s|m|h)?\\s*");

    private final Map<String, Map<String, Limit>> overrides;

    public RateLimitTable(Map<String, Map<String, String>> configured) {
        Map<String, Map<String, Limit>> m = new LinkedHashMap<>();
        configured.forEach((slug, buckets) -> {
            Map<String, Limit> parsed = new LinkedHashMap<>();
            buckets.forEach((bucket, spec) -> parsed.put(bucket.toLowerCase(Locale.ROOT), parse(spec)));
            m.put(slug.toLowerCase(Locale.ROOT), Map.copyOf(parsed));
        });
        this.overrides = Map.copyOf(m);
    }

    /** The budget for one connector's bucket. */
    public Limit limit(String slug, String bucket) {
        String b = bucket.toLowerCase(Locale.ROOT);
        Limit o = overrides.getOrDefault(slug, Map.of()).get(b);
        if (o != null) return o;
        Limit d = DEFAULTS.getOrDefault(slug, Map.of()).get(b);
        if (d != null) return d;
        o = overrides.getOrDefault(slug, Map.of()).get("default");
        if (o != null) return o;
        return DEFAULTS.getOrDefault(slug, Map.of()).getOrDefault("default", FALLBACK);
    }

    /** Parses {@code "100/10s"}, {@code "5/s"}, {@code "300/1m"}, {@code "2/200ms"}. */
    public static Limit parse(String spec) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("rate limit '" + spec + "' is not of the form <permits>/<period>, e.g. 100/10s");
        }
        int permits = Integer.parseInt(m.group(1));
        long amount = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
        String unit = m.group(3) == null ? "s" : m.group(3);
        Duration period = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
        return new Limit(permits, period);
    }
}

package io.revtops.demo;

import io.revtops.connectors.http.RateLimitTable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo company: {@code REVTOPS_DEMO=true|false|auto} (auto: on with the embedded database, off with DATABASE_URL,
 * so a fresh {@code ./revtops start} shows a synced company); generator seed and scale; the first port of the vendor
 * simulators (hubspot, salesforce, apollo, nango, gmail, slack on consecutive ports; 0 = any free ports); and the
 * request budgets the demo's integrations use towards the in-process simulators ({@code revtops.demo.rate-limits.
 * <slug>.<bucket>}, env {@code REVTOPS_DEMO_RATELIMITS_<SLUG>_<BUCKET>}, same form as {@code revtops.http.rate-limits};
 * vendors not named keep their real limits).
 */
@ConfigurationProperties(prefix = "revtops.demo")
public record DemoProperties(String mode, long seed, double scale, int portBase, Map<String, Map<String, String>> rateLimits) {

    /**
     * Slack's Tier 3 (50 requests a minute) would make the first demo sync take minutes and Gmail's per-user quota
     * adds seconds; the simulators are ours and answer as fast as the machine allows.
     */
    public static final Map<String, Map<String, String>> SIMULATOR_RATE_LIMITS = Map.of(
            "slack", Map.of("default", "1000/1s", "post", "1000/1s"),
            "gmail", Map.of("default", "1000/1s"));

    public DemoProperties {
        if (mode == null || mode.isBlank()) mode = "auto";
        if (seed == 0) seed = 42;
        if (scale <= 0) scale = 1.0;
        if (portBase < 0) portBase = 0;
        Map<String, Map<String, String>> limits = new LinkedHashMap<>();
        SIMULATOR_RATE_LIMITS.forEach((slug, buckets) -> limits.put(slug, new LinkedHashMap<>(buckets)));
        if (rateLimits != null) rateLimits.forEach((slug, buckets) -> limits.computeIfAbsent(slug, s -> new LinkedHashMap<>()).putAll(buckets));
        new RateLimitTable(limits); // a malformed budget stops the start here, with the value named
        Map<String, Map<String, String>> frozen = new LinkedHashMap<>();
        limits.forEach((slug, buckets) -> frozen.put(slug, Map.copyOf(buckets)));
        rateLimits = Map.copyOf(frozen);
    }

    /** Whether to run the demo, given whether an external database is configured. */
    public boolean enabled(boolean externalDatabase) {
        return mode.equalsIgnoreCase("true") || (mode.equalsIgnoreCase("auto") && !externalDatabase);
    }
}

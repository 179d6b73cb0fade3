package io.revtops.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo company: {@code REVTOPS_DEMO=true|false|auto} (auto: on with the embedded database, off with DATABASE_URL,
 * so a fresh {@code ./revtops start} shows a synced company); generator seed and scale; the first port of the vendor
 * simulators (hubspot, salesforce, apollo, nango, gmail, slack on consecutive ports; 0 = any free ports).
 */
@ConfigurationProperties(prefix = "revtops.demo")
public record DemoProperties(String mode, long seed, double scale, int portBase) {
    public DemoProperties {
        if (mode == null || mode.isBlank()) mode = "auto";
        if (seed == 0) seed = 42;
        if (scale <= 0) scale = 1.0;
        if (portBase < 0) portBase = 0;
    }

    /** Whether to run the demo, given whether an external database is configured. */
    public boolean enabled(boolean externalDatabase) {
        return mode.equalsIgnoreCase("true") || (mode.equalsIgnoreCase("auto") && !externalDatabase);
    }
}

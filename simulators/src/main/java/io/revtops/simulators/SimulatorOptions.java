package io.revtops.simulators;

import java.time.Clock;
import java.time.Duration;

/**
 * How {@link Simulators} starts the vendor servers: bind host, base port (0 = a free port per vendor,
 * otherwise hubspot = base, salesforce = base + 1, apollo = base + 2, nango = base + 3, gmail = base + 4), the clock for
 * token expiry and rate-limit windows, and the lifetime of OAuth tokens Nango hands out.
 */
public record SimulatorOptions(String host, int basePort, Clock clock, Duration nangoTokenTtl) {

    public SimulatorOptions {
        if (basePort < 0 || basePort > 65_531) {
            throw new IllegalArgumentException("basePort must be 0 or leave room for five ports, was " + basePort);
        }
        if (nangoTokenTtl.isNegative() || nangoTokenTtl.isZero()) {
            throw new IllegalArgumentException("nangoTokenTtl must be positive");
        }
    }

    public static SimulatorOptions defaults() {
        return new SimulatorOptions("127.0.0.1", 0, Clock.systemUTC(), Duration.ofMinutes(30));
    }

    public SimulatorOptions withHost(String host) {
        return new SimulatorOptions(host, basePort, clock, nangoTokenTtl);
    }

    public SimulatorOptions withBasePort(int port) {
        return new SimulatorOptions(host, port, clock, nangoTokenTtl);
    }

    public SimulatorOptions withClock(Clock value) {
        return new SimulatorOptions(host, basePort, value, nangoTokenTtl);
    }

    public SimulatorOptions withNangoTokenTtl(Duration ttl) {
        return new SimulatorOptions(host, basePort, clock, ttl);
    }
}

package io.revtops.connectors;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Everything a connector call may use: whose integration it is, an HTTP client already bound to the vendor's
 * base URL, this integration's credentials and rate limits, the integration's settings, a clock, and whether
 * the caller has given up (disconnect, cancel) — long loops check {@link #cancelled()}.
 */
public record ConnectorContext(
        UUID orgId,
        UUID integrationId,
        Optional<UUID> userId,
        ApiClient http,
        Map<String, Object> config,
        Clock clock,
        BooleanSupplier cancellation) {

    public ConnectorContext {
        config = Map.copyOf(config);
        userId = userId == null ? Optional.empty() : userId;
    }

    public boolean cancelled() {
        return cancellation.getAsBoolean();
    }

    /** Throws {@link ConnectorException.Cancelled} when the caller has given up. */
    public void checkCancelled() {
        if (cancelled()) throw new ConnectorException.Cancelled();
    }
}

package io.revtops.sync;

import java.util.Map;
import java.util.UUID;

/**
 * Published when a sync failed or was cancelled ({@code sync.failed}); {@code error} is the sentence users see
 * (e.g. "Reconnect HubSpot"), counts are what was written before.
 */
public record SyncFailed(UUID orgId, UUID integrationId, UUID runId, String provider, String error, boolean cancelled,
                         Map<String, TableCounts> counts) {
    public SyncFailed {
        counts = Map.copyOf(counts);
    }
}

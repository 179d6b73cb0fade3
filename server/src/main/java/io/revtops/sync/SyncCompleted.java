package io.revtops.sync;

import java.util.Map;
import java.util.UUID;

/** Published when a sync finished successfully ({@code sync.completed}); counts per table. Workflows can listen. */
public record SyncCompleted(UUID orgId, UUID integrationId, UUID runId, String provider, Map<String, TableCounts> counts) {
    public SyncCompleted {
        counts = Map.copyOf(counts);
    }
}

package io.revtops.connectors;

import java.util.List;

/**
 * One page of a stream: the records, the source ids deleted upstream (DELTA streams), the records that could not
 * be read (kept as values so the sync goes on), where to continue, and whether more pages follow.
 */
public record Page(List<SyncedRecord> records, List<String> deletedSourceIds, List<RecordFailure> failures,
                   Checkpoint next, boolean hasMore) {
    public Page {
        records = List.copyOf(records);
        deletedSourceIds = List.copyOf(deletedSourceIds);
        failures = List.copyOf(failures);
    }

    /** A record the connector could not turn into a row: which one and why. */
    public record RecordFailure(String sourceId, String reason) {}
}

package io.revtops.connectors;

import java.util.Map;
import java.util.Optional;

/**
 * The outcome of an approved write: the vendor's id of the record, the vendor's answer (JSON-able), and the
 * normalized record to update the local copy with.
 */
public record WriteResult(String sourceId, Map<String, Object> vendorResponse, Optional<SyncedRecord> localCopy) {
    public WriteResult {
        vendorResponse = Map.copyOf(vendorResponse);
    }
}

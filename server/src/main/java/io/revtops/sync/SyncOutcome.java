package io.revtops.sync;

import java.util.Map;
import java.util.UUID;

/** How one sync run ended. */
public sealed interface SyncOutcome {
    /** Every stream ran to its end. */
    record Completed(UUID runId, Map<String, TableCounts> counts) implements SyncOutcome {}

    /** A stream failed; what was committed before stays, and the next run resumes from the saved checkpoints. */
    record Failed(UUID runId, String error, boolean needsReconnect, Map<String, TableCounts> counts) implements SyncOutcome {}

    /** The integration was disconnected while the sync ran; it stopped between pages. */
    record Cancelled(UUID runId, Map<String, TableCounts> counts) implements SyncOutcome {}

    /** Nothing ran: the integration is gone, not active, or its connector cannot sync. */
    record Skipped(String reason) implements SyncOutcome {}
}

package io.revtops.sync;

import java.util.List;

/**
 * What writing one page of one table did: rows inserted, updated (content changed), left unchanged (same content
 * hash, not rewritten), records that could not be written, fields that were dropped as invalid, and why.
 */
public record BatchResult(int inserted, int updated, int unchanged, int failed, int warnings, List<Problem> problems) {
    public BatchResult {
        problems = List.copyOf(problems);
    }

    /** One record-level failure or field-level warning, for the run's report (never contains field values). */
    public record Problem(String sourceId, String message, boolean recordFailed) {}
}

package io.revtops.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sync settings.
 *
 * @param interval     how often every active integration syncs ({@code REVTOPS_SYNC_INTERVAL}, default 1h)
 * @param checkEvery   how often the scheduler looks for integrations whose last sync is older than the interval
 * @param scheduled    whether syncs start by themselves (on the interval and after connecting); off in tests
 * @param maxTextChars longer text values are truncated (and reported)
 * @param maxProblems  record failures and field warnings kept per run in its report
 * @param prefetch     fetch a stream's next pages (on a virtual thread, up to batchRows ahead) while the current batch
 *                     is written ({@code REVTOPS_SYNC_PREFETCH}, default true); the vendor still sees one request at a
 *                     time
 * @param batchRows    consecutive pages of a stream are written in one transaction (with the checkpoint of the last
 *                     one) once they hold at least this many records, deletions and failures, each page counting at
 *                     least one ({@code REVTOPS_SYNC_BATCH_ROWS}, default 1000; 1 writes every vendor page on its own)
 */
@ConfigurationProperties(prefix = "revtops.sync")
public record SyncProperties(Duration interval, Duration checkEvery, Boolean scheduled, int maxTextChars, int maxProblems,
                             Boolean prefetch, int batchRows) {
    public SyncProperties {
        if (interval == null || interval.isZero() || interval.isNegative()) interval = Duration.ofHours(1);
        if (checkEvery == null || checkEvery.isZero() || checkEvery.isNegative()) {
            checkEvery = interval.compareTo(Duration.ofMinutes(5)) < 0 ? interval : Duration.ofMinutes(5);
        }
        if (scheduled == null) scheduled = true;
        if (maxTextChars <= 0) maxTextChars = 100_000;
        if (maxProblems <= 0) maxProblems = 50;
        if (prefetch == null) prefetch = true;
        if (batchRows <= 0) batchRows = 1_000;
    }
}

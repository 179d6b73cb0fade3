package io.revtops.approvals;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Approvals settings ({@code revtops.approvals.*}, e.g. {@code REVTOPS_APPROVALS_EXPIRY=48h}):
 *
 * @param expiry          how long a pending change waits for a decision before it expires (default 24 h)
 * @param reconcileAfter  an operation still {@code executing} after this long is taken for interrupted (a crash
 *                        between the vendor call and the status update) and re-sent with its idempotency key
 * @param sweepEvery      how often the worker expires old changes and reconciles interrupted ones
 * @param maxRowsPerWrite most CRM rows one run_sql_write may turn into proposals, or local rows it may change
 */
@ConfigurationProperties(prefix = "revtops.approvals")
public record ApprovalsProperties(Duration expiry, Duration reconcileAfter, Duration sweepEvery, int maxRowsPerWrite) {
    public ApprovalsProperties {
        if (expiry == null || expiry.isNegative() || expiry.isZero()) expiry = Duration.ofHours(24);
        if (reconcileAfter == null || reconcileAfter.isNegative()) reconcileAfter = Duration.ofMinutes(2);
        if (sweepEvery == null || sweepEvery.isNegative() || sweepEvery.isZero()) sweepEvery = Duration.ofMinutes(1);
        if (maxRowsPerWrite <= 0) maxRowsPerWrite = 50;
    }

    public static ApprovalsProperties defaults() {
        return new ApprovalsProperties(null, null, null, 0);
    }
}

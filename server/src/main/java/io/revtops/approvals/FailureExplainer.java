package io.revtops.approvals;

import io.revtops.platform.db.Tenant;

/**
 * A port for "a change failed: have Penny explain it and offer a retry". The agent module implements it (a short
 * turn in the change's conversation); approvals never depends on the agent. Called after the failure is recorded
 * and posted, off the caller's thread.
 */
public interface FailureExplainer {
    void explain(Tenant requester, PendingChange failed);
}

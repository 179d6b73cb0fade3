package io.revtops.approvals;

import java.util.Map;

/** What became of a proposal: queued for a human, executed at once (auto-approved), run at once (read-only), or refused. */
public sealed interface ProposalOutcome {

    /** Waiting in the Pending Changes panel as change {@code change.number()}. Nothing was sent. */
    record Queued(PendingChange change) implements ProposalOutcome {}

    /** Auto-approved and executed; {@code change.status()} is completed or failed. */
    record Executed(PendingChange change) implements ProposalOutcome {}

    /** A read-only action: it ran at once, no approval needed. */
    record ReadOnly(Map<String, Object> data, String summary) implements ProposalOutcome {}

    /** Not accepted: unknown connector or operation, invalid parameters, not connected, or denied by the organization. */
    record Refused(String code, String message, String hint) implements ProposalOutcome {}
}

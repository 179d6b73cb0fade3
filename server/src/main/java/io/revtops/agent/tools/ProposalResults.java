package io.revtops.agent.tools;

import io.revtops.approvals.PendingChange;
import io.revtops.approvals.ProposalOutcome;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the approval tools report a proposal to the model, and the {@code pending_change} chunk they stream. */
final class ProposalResults {
    private ProposalResults() {}

    static ToolOutcome outcome(ToolContext ctx, ProposalOutcome o) {
        return switch (o) {
            case ProposalOutcome.Queued q -> {
                ctx.emit("pending_change", q.change().summary());
                yield ToolOutcome.ok(queued(q.change()), "Queued for approval as change " + q.change().number());
            }
            case ProposalOutcome.Executed e -> {
                ctx.emit("pending_change", e.change().summary());
                PendingChange c = e.change();
                if (c.status() == PendingChange.Status.FAILED) {
                    yield ToolOutcome.error("Change " + c.number() + " was auto-approved and sent, but it failed: "
                            + c.error().orElse("unknown error") + " Nothing was changed.",
                            "Tell the user what failed; fix the parameters and propose it again if it makes sense.");
                }
                Map<String, Object> m = view(c);
                m.put("message", "Change " + c.number() + " was auto-approved (" + c.toolKey() + ") and is done.");
                yield ToolOutcome.ok(m, "Done (auto-approved) as change " + c.number());
            }
            case ProposalOutcome.ReadOnly r -> ToolOutcome.ok(Map.of("summary", r.summary(), "data", r.data()), r.summary());
            case ProposalOutcome.Refused r -> ToolOutcome.error(r.message(), r.hint());
        };
    }

    static Map<String, Object> queued(PendingChange c) {
        Map<String, Object> m = view(c);
        m.put("message", "Queued for approval as change " + c.number() + ". Nothing has been sent yet: tell the user it "
                + "waits for their approval in Pending Changes.");
        return m;
    }

    static Map<String, Object> view(PendingChange c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", c.status() == PendingChange.Status.PENDING ? "pending_approval" : c.status().db());
        m.put("change", c.number());
        m.put("change_id", c.id().toString());
        m.put("preview", c.preview());
        if (!c.diff().isEmpty()) m.put("diff", c.diff().stream().map(d -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("field", d.field());
            f.put("before", d.before());
            f.put("after", d.after());
            return f;
        }).toList());
        if (!c.warnings().isEmpty()) m.put("warnings", c.warnings());
        c.result().ifPresent(r -> m.put("result", r.getOrDefault("summary", r)));
        return m;
    }
}

package io.revtops.agent.tools;

import io.revtops.approvals.Approvals;
import io.revtops.approvals.ToolKey;
import io.revtops.platform.audit.ActionLedger;
import io.revtops.platform.db.TenantTx;
import io.revtops.sync.SyncService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Starts a sync of a connected system now. It runs without approval: a sync only reads from the vendor into our
 * own tables (nothing leaves the building, nothing changes at the vendor), it is idempotent ("already syncing") and
 * rate-limited like any sync. An organization can still deny {@code trigger_sync}; every use is in the ledger.
 */
@Component
public class TriggerSyncTool implements Tool {
    private final SyncService syncs;
    private final Approvals approvals;
    private final TenantTx tx;
    private final ActionLedger ledger;

    public TriggerSyncTool(SyncService syncs, Approvals approvals, TenantTx tx, ActionLedger ledger) {
        this.syncs = syncs;
        this.approvals = approvals;
        this.tx = tx;
        this.ledger = ledger;
    }

    @Override
    public String name() {
        return "trigger_sync";
    }

    @Override
    public String description() {
        return "Start a sync of a connected system now (e.g. after the user says they changed something there). "
                + "Give connector (slug). The sync runs in the background; answer with what you know and mention it.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of("connector", Map.of("type", "string", "maxLength", 60)),
                "required", List.of("connector"), "additionalProperties", false);
    }

    @Override
    public ToolRisk risk() {
        return ToolRisk.EXTERNAL_WRITE;
    }

    @Override
    public String statusText(JsonNode input) {
        return "Starting a sync of " + input.path("connector").asString("a system");
    }

    @Override
    public ToolOutcome execute(ToolContext ctx, JsonNode input) {
        String slug = input.path("connector").asString();
        Optional<String> denied = approvals.denied(ctx.tenant(), ToolKey.of(name(), slug, null));
        if (denied.isPresent()) {
            return ToolOutcome.error("An admin has turned off " + denied.get() + " for this organization.", "Tell the user.");
        }
        if (ctx.tenant().userId().isEmpty()) return ToolOutcome.error("No user to sync for.", "This runs only for a person.");
        SyncService.SyncRequested r = syncs.requestProvider(ctx.tenant().orgId(), ctx.tenant().userId().get(), slug, "agent");
        tx.execute(ctx.tenant(), j -> ledger.record(j, new ActionLedger.Entry(ctx.tenant().orgId(), ctx.tenant().userId(),
                ctx.inWorkflow() ? "workflow" : "agent", "trigger_sync:" + slug, r.integrationId().toString(),
                Map.of("connector", slug), Map.of("status", r.status()), "completed"),
                new ActionLedger.Links(Optional.ofNullable(ctx.conversationId()), ctx.workflowRunId(), Optional.empty())));
        String text = r.status().equals("scheduled") ? "Started a sync of " + slug : slug + " is already syncing";
        return ToolOutcome.ok(Map.of("status", r.status(), "connector", slug), text);
    }
}

package io.revtops.sync;

import io.revtops.platform.audit.ActionLedger;
import io.revtops.platform.db.TenantTx;
import io.revtops.platform.errors.ApiException;
import io.revtops.sync.SyncService.IntegrationSyncStatus;
import io.revtops.sync.SyncService.SyncRequested;
import io.revtops.tenancy.RequestContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/sync/{org}}: sync one provider or everything now (202, the job runs on a worker), and sync status. */
@RestController
@RequestMapping("/api/sync/{org}")
@Tag(name = "sync", description = "On-demand syncs and their status")
public class SyncController {
    private final SyncService syncs;
    private final TenantTx tx;
    private final ActionLedger ledger;

    public SyncController(SyncService syncs, TenantTx tx, ActionLedger ledger) {
        this.syncs = syncs;
        this.tx = tx;
        this.ledger = ledger;
    }

    /** What {@code POST /all} started. */
    public record SyncAllResponse(List<SyncRequested> syncs) {}

    @PostMapping("/all")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Sync every active integration of the organization (and the caller's own)")
    public SyncAllResponse syncAll(RequestContext ctx, @PathVariable UUID org) {
        sameOrganization(ctx, org);
        List<SyncRequested> started = syncs.requestAll(ctx.orgId(), ctx.userId(), "manual");
        record(ctx, "sync.requested", "integrations:all", started.size());
        return new SyncAllResponse(started);
    }

    @PostMapping("/{provider}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Sync one provider now; 'already_syncing' when a sync is queued or running")
    public SyncRequested sync(RequestContext ctx, @PathVariable UUID org, @PathVariable String provider) {
        sameOrganization(ctx, org);
        SyncRequested r = syncs.requestProvider(ctx.orgId(), ctx.userId(), provider, "manual");
        record(ctx, "sync.requested", "integration:" + r.integrationId(), 1);
        return r;
    }

    @GetMapping("/status")
    @Operation(summary = "Per integration: idle, queued or running; last run with counts; last error")
    public List<IntegrationSyncStatus> status(RequestContext ctx, @PathVariable UUID org) {
        sameOrganization(ctx, org);
        return syncs.status(ctx.orgId(), ctx.userId());
    }

    private static void sameOrganization(RequestContext ctx, UUID org) {
        if (!org.equals(ctx.orgId())) {
            throw new ApiException.Forbidden("wrong_organization",
                    "The organization in the path must be the one named by X-Organization-Id");
        }
    }

    private void record(RequestContext ctx, String action, String target, int count) {
        tx.execute(ctx.tenant(), j -> ledger.record(j, new ActionLedger.Entry(ctx.orgId(),
                Optional.of(ctx.userId()), "user", action, target, Map.of("trigger", "manual"),
                Map.of("enqueued", count), "completed")));
    }
}

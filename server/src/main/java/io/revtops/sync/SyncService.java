package io.revtops.sync;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.revtops.connectors.Connector;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.ConnectorRegistry;
import io.revtops.connectors.SyncSource;
import io.revtops.connectors.integrations.Integration;
import io.revtops.connectors.integrations.IntegrationConnected;
import io.revtops.connectors.integrations.IntegrationDisconnected;
import io.revtops.connectors.integrations.IntegrationRepository;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.platform.errors.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Starting syncs and reporting on them, for REST, the agent's {@code trigger_sync} and the scheduler: a request
 * enqueues the {@code sync-integration} job, which a worker runs; a second request while one is queued or running
 * is answered "already syncing". Also reacts to integrations being connected (first sync) and disconnected (a
 * queued sync is dropped; a running one sees the status and stops). Call it outside any tenant transaction: the
 * scheduler's table is written on its own owner connection (revtops_app has no access to it).
 */
@Service
public class SyncService {
    private static final Logger log = LoggerFactory.getLogger(SyncService.class);

    private final SchedulerClient scheduler;
    private final TenantTx tx;
    private final IntegrationRepository integrations;
    private final SyncRunRepository runs;
    private final ConnectorRegistry registry;
    private final SyncProperties props;

    public SyncService(SchedulerClient scheduler, TenantTx tx, IntegrationRepository integrations, SyncRunRepository runs,
                       ConnectorRegistry registry, SyncProperties props) {
        this.scheduler = scheduler;
        this.tx = tx;
        this.integrations = integrations;
        this.runs = runs;
        this.registry = registry;
        this.props = props;
    }

    /** The answer to a sync request: {@code status} is {@code scheduled} or {@code already_syncing}. */
    public record SyncRequested(UUID integrationId, String provider, String status, String job) {}

    /** One integration's sync state: {@code state} is idle, queued or running. */
    public record IntegrationSyncStatus(UUID integrationId, String provider, String name, String status, String state,
                                        Optional<Instant> lastSyncAt, Optional<String> lastError, Optional<RunSummary> lastRun,
                                        Optional<RunSummary> currentRun) {}

    /** A run: counts per table, a sample of problems, how it ended. */
    public record RunSummary(UUID id, String status, Instant startedAt, Optional<Instant> finishedAt,
                             Map<String, Object> counts, List<Object> problems, Optional<String> error) {}

    /** Enqueues a sync of one integration (which must be active and of a connector that syncs). */
    public SyncRequested request(Integration integration, String trigger) {
        ConnectorMeta meta = syncable(integration.provider());
        if (integration.status() == Integration.Status.NEEDS_RECONNECT) throw new ApiException.NeedsReconnect(meta.name());
        if (!integration.active()) {
            throw new ApiException.Conflict("integration_not_active", meta.name() + " is " + integration.status().dbValue()
                    + "; connect it again to sync");
        }
        boolean enqueued = SyncTasks.enqueue(scheduler, integration.orgId(), integration.id(), trigger);
        log.info("event=sync_requested org_id={} integration_id={} provider={} trigger={} enqueued={}", integration.orgId(),
                integration.id(), integration.provider(), trigger, enqueued);
        return new SyncRequested(integration.id(), integration.provider(), enqueued ? "scheduled" : "already_syncing",
                SyncTasks.SYNC_INTEGRATION.getTaskName() + "/" + integration.id());
    }

    /** Syncs a member's integration of {@code provider}: the organization's, or their own personal one. */
    public SyncRequested requestProvider(UUID orgId, UUID userId, String provider, String trigger) {
        ConnectorMeta meta = syncable(provider);
        Integration integration = tx.run(Tenant.of(orgId, userId), j -> integrations.listVisible(j, userId)).stream()
                .filter(i -> i.provider().equals(meta.slug()))
                .filter(i -> i.scope() == ConnectorMeta.Scope.ORGANIZATION || i.userId().equals(Optional.of(userId)))
                .findFirst()
                .orElseThrow(() -> new ApiException.NotFound(meta.name() + " is not connected; an integration of it"));
        return request(integration, trigger);
    }

    /** Syncs every active integration the member may sync: the organization's and their own. */
    public List<SyncRequested> requestAll(UUID orgId, UUID userId, String trigger) {
        List<String> syncable = registry.all().stream().filter(c -> c instanceof SyncSource).map(c -> c.meta().slug()).toList();
        return tx.run(Tenant.of(orgId, userId), j -> integrations.listSyncable(j, userId, syncable)).stream()
                .map(i -> request(i, trigger)).toList();
    }

    /** Sync state of every integration the member sees. */
    public List<IntegrationSyncStatus> status(UUID orgId, UUID userId) {
        record Row(Integration integration, List<SyncRunRepository.Run> recent) {}
        List<Row> rows = tx.run(Tenant.of(orgId, userId), j -> integrations.listVisible(j, userId).stream()
                .filter(i -> registry.find(i.provider()).map(c -> c instanceof SyncSource).orElse(false))
                .map(i -> new Row(i, runs.recent(j, i.id(), 5))).toList());
        // the scheduler's table is read on its own connection, never inside a tenant transaction
        return rows.stream().map(row -> {
            Integration i = row.integration();
            Optional<SyncRunRepository.Run> current = row.recent().stream().filter(r -> r.status().equals("running")).findFirst();
            Optional<SyncRunRepository.Run> last = row.recent().stream().filter(r -> !r.status().equals("running")).findFirst();
            String state = current.isPresent() ? "running" : queued(i.id()) ? "queued" : "idle";
            String name = registry.find(i.provider()).map(c -> c.meta().name()).orElse(i.provider());
            return new IntegrationSyncStatus(i.id(), i.provider(), name, i.status().dbValue(), state, i.lastSyncAt(),
                    i.lastError(), last.map(SyncService::summary), current.map(SyncService::summary));
        }).toList();
    }

    /** Whether a sync of the integration is queued or running (scheduler's view). */
    public boolean queuedOrRunning(UUID integrationId) {
        return scheduler.getScheduledExecution(SyncTasks.SYNC_INTEGRATION.instanceId(integrationId.toString())).isPresent();
    }

    private boolean queued(UUID integrationId) {
        return scheduler.getScheduledExecution(SyncTasks.SYNC_INTEGRATION.instanceId(integrationId.toString()))
                .map(e -> !e.isPicked()).orElse(false);
    }

    @EventListener
    void onConnected(IntegrationConnected event) {
        if (!props.scheduled()) return;
        boolean syncs = registry.find(event.provider()).map(c -> c instanceof SyncSource).orElse(false);
        if (syncs) SyncTasks.enqueue(scheduler, event.orgId(), event.integrationId(), "connected");
    }

    @EventListener
    void onDisconnected(IntegrationDisconnected event) {
        var id = SyncTasks.SYNC_INTEGRATION.instanceId(event.integrationId().toString());
        Optional<ScheduledExecution<Object>> queued = scheduler.getScheduledExecution(id);
        if (queued.isPresent() && !queued.get().isPicked()) {
            try {
                scheduler.cancel(id);
                log.info("event=sync_dequeued integration_id={} reason=disconnected", event.integrationId());
            } catch (RuntimeException e) {
                // picked in the meantime: the running job sees the disconnected status between pages
                log.info("event=sync_dequeue_skipped integration_id={} reason={}", event.integrationId(), e.getClass().getSimpleName());
            }
        }
    }

    private ConnectorMeta syncable(String provider) {
        Connector c = registry.require(provider);
        if (!(c instanceof SyncSource)) {
            throw new ApiException.InvalidInput("sync_not_supported", c.meta().name() + " has nothing to sync");
        }
        return c.meta();
    }

    @SuppressWarnings("unchecked")
    private static RunSummary summary(SyncRunRepository.Run r) {
        Map<String, Object> counts = new java.util.LinkedHashMap<>(r.counts());
        Object problems = counts.remove("problems");
        return new RunSummary(r.id(), r.status(), r.startedAt(), r.finishedAt(), counts,
                problems instanceof List<?> l ? (List<Object>) l : List.of(), r.error());
    }
}

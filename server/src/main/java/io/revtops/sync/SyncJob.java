package io.revtops.sync;

import io.revtops.connectors.Checkpoint;
import io.revtops.connectors.Connector;
import io.revtops.connectors.ConnectorContext;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.ConnectorMeta.Scope;
import io.revtops.connectors.ConnectorRegistry;
import io.revtops.connectors.CredentialSource;
import io.revtops.connectors.Page;
import io.revtops.connectors.StreamSpec;
import io.revtops.connectors.SyncSource;
import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.SyncedTable;
import io.revtops.connectors.integrations.ConnectorContexts;
import io.revtops.connectors.integrations.Integration;
import io.revtops.connectors.integrations.IntegrationRepository;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * One sync of one integration, stream by stream in the connector's order: load the stream's checkpoint, fetch a
 * page, write its records and deletions and save the page's checkpoint in one transaction, until the stream has no
 * more pages. SWEEP streams list everything from the start and end by deleting the rows they did not see. The
 * integration is checked between pages: once disconnected, the run stops as cancelled. Every run is recorded in
 * {@code sync_runs} and ends with {@link SyncCompleted} or {@link SyncFailed}. Runs on a worker (db-scheduler); HTTP
 * calls happen outside any database transaction. While a page is written, the stream's next page is already being
 * fetched (one page ahead, on a virtual thread, {@code revtops.sync.prefetch}); it is written only after the page
 * before it committed, and dropped if the run stops, so checkpoints and resumption are as without it.
 */
@Component
public class SyncJob {
    private static final Logger log = LoggerFactory.getLogger(SyncJob.class);
    /** Runs the fetch of a stream's next page while the current one is written (blocking HTTP: virtual threads). */
    private static final ExecutorService PREFETCH =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sync-prefetch-", 0).factory());

    private final TenantTx tx;
    private final ConnectorRegistry registry;
    private final IntegrationRepository integrations;
    private final ConnectorContexts contexts;
    private final RecordWriter writer;
    private final SyncStateRepository state;
    private final SyncRunRepository runs;
    private final SyncInterruptions interruptions;
    private final ApplicationEventPublisher events;
    private final SyncProperties props;

    public SyncJob(TenantTx tx, ConnectorRegistry registry, IntegrationRepository integrations, ConnectorContexts contexts,
                   RecordWriter writer, SyncStateRepository state, SyncRunRepository runs, SyncInterruptions interruptions,
                   ApplicationEventPublisher events, SyncProperties props) {
        this.tx = tx;
        this.registry = registry;
        this.integrations = integrations;
        this.contexts = contexts;
        this.writer = writer;
        this.state = state;
        this.runs = runs;
        this.interruptions = interruptions;
        this.events = events;
        this.props = props;
    }

    /** Syncs the integration now, on the calling thread. Never throws: the outcome says how it went. */
    public SyncOutcome run(UUID orgId, UUID integrationId) {
        Optional<Integration> found = tx.run(Tenant.org(orgId), j -> integrations.find(j, integrationId));
        if (found.isEmpty()) return skipped(orgId, integrationId, "the integration does not exist");
        Integration integration = found.get();
        if (!integration.active()) return skipped(orgId, integrationId, "the integration is " + integration.status().dbValue());
        Optional<Connector> connector = registry.find(integration.provider());
        if (connector.isEmpty() || !(connector.get() instanceof SyncSource source)) {
            return skipped(orgId, integrationId, "connector " + integration.provider() + " is not installed or cannot sync");
        }
        return new Run(integration, source).execute();
    }

    private SyncOutcome skipped(UUID orgId, UUID integrationId, String reason) {
        log.info("event=sync_skipped org_id={} integration_id={} reason=\"{}\"", orgId, integrationId, reason);
        return new SyncOutcome.Skipped(reason);
    }

    /** The state of one run: counts per table so far and a sample of problems. */
    private final class Run {
        final Integration integration;
        final SyncSource source;
        final ConnectorMeta meta;
        final Tenant tenant;
        final SyncTarget target;
        final UUID id;
        final long started = System.nanoTime();
        Map<String, TableCounts> counts = new LinkedHashMap<>();
        final List<Map<String, Object>> problems = new ArrayList<>();
        final Set<SyncedTable> touched = EnumSet.noneOf(SyncedTable.class);
        int pages;

        Run(Integration integration, SyncSource source) {
            this.integration = integration;
            this.source = source;
            this.meta = source.meta();
            this.tenant = integration.tenant();
            this.target = new SyncTarget(integration.orgId(), integration.id(), meta.slug(),
                    integration.scope() == Scope.USER ? integration.userId() : Optional.empty(), integration.shareSyncedData());
            this.id = tx.run(tenant, j -> {
                int abandoned = runs.failAbandoned(j, integration.id());
                if (abandoned > 0) log.warn("event=sync_runs_abandoned integration_id={} count={}", integration.id(), abandoned);
                return runs.start(j, integration.orgId(), integration.id());
            });
        }

        SyncOutcome execute() {
            log.info("event=sync_started org_id={} integration_id={} provider={} run_id={}", target.orgId(), target.integrationId(),
                    meta.slug(), id);
            try {
                CredentialSource credentials = contexts.credentials(integration, meta);
                // missing or revoked credentials end the run before any vendor call
                if (meta.authType() != ConnectorMeta.AuthType.NONE) credentials.current();
                ConnectorContext ctx = contexts.forIntegration(integration, meta, credentials, this::cancelled);
                for (StreamSpec stream : source.streams()) syncStream(ctx, stream);
                tx.execute(tenant, j -> {
                    int linked = writer.relink(j, target, touched);
                    if (linked > 0) log.info("event=sync_relinked run_id={} links={}", id, linked);
                    runs.finish(j, id, "completed", report(), Optional.empty());
                    integrations.markSynced(j, integration.id(), Instant.now());
                });
                finished("completed", null);
                // the run as a whole ended: live progress (web app) stops showing it as running
                publish(new SyncProgress(target.orgId(), target.integrationId(), meta.slug(), "all", total(), "completed"));
                publish(new SyncCompleted(target.orgId(), target.integrationId(), id, meta.slug(), counts));
                return new SyncOutcome.Completed(id, Map.copyOf(counts));
            } catch (ConnectorException.NeedsReconnect e) {
                String error = "Reconnect " + meta.name();
                tx.execute(tenant, j -> {
                    runs.finish(j, id, "failed", report(), Optional.of(error));
                    integrations.markNeedsReconnect(j, integration.id(), error);
                });
                return failed(error, true);
            } catch (ConnectorException.Cancelled e) {
                String error = "Cancelled: " + meta.name() + " was disconnected during the sync";
                tx.execute(tenant, j -> runs.finish(j, id, "cancelled", report(), Optional.of(error)));
                finished("cancelled", error);
                publish(new SyncProgress(target.orgId(), target.integrationId(), meta.slug(), "all", total(), "cancelled"));
                publish(new SyncFailed(target.orgId(), target.integrationId(), id, meta.slug(), error, true, counts));
                return new SyncOutcome.Cancelled(id, Map.copyOf(counts));
            } catch (ConnectorException | SyncInterruptions.Interrupted e) {
                String error = describe(e);
                tx.execute(tenant, j -> {
                    runs.finish(j, id, "failed", report(), Optional.of(error));
                    integrations.recordError(j, integration.id(), error);
                });
                return failed(error, false);
            } catch (RuntimeException e) {
                log.error("event=sync_crashed org_id={} integration_id={} run_id={}", target.orgId(), target.integrationId(), id, e);
                String error = "The sync of " + meta.name() + " failed on our side (" + e.getClass().getSimpleName()
                        + "); it has been logged and the next sync resumes from the last checkpoint";
                tx.execute(tenant, j -> {
                    runs.finish(j, id, "failed", report(), Optional.of(error));
                    integrations.recordError(j, integration.id(), error);
                });
                return failed(error, false);
            }
        }

        void syncStream(ConnectorContext ctx, StreamSpec stream) {
            boolean sweep = stream.deletions() == StreamSpec.Deletions.SWEEP;
            SyncedTable table = stream.table();
            Checkpoint checkpoint = sweep ? Checkpoint.START : tx.run(tenant, j -> state.load(j, target.integrationId(), stream.name()));
            Set<String> seen = sweep ? new HashSet<>() : Set.of();
            long streamCount = 0;
            long streamInserted = 0;
            // the next page, fetched while this one is written; only ever one request to the vendor at a time
            Future<Fetched> ahead = null;
            try {
                while (true) {
                    long w0 = System.nanoTime();
                    Fetched fetched;
                    if (ahead != null) {
                        fetched = await(ahead);
                        ahead = null;
                    } else {
                        ctx.checkCancelled();
                        fetched = fetch(ctx, stream, checkpoint);
                    }
                    long waitMs = (System.nanoTime() - w0) / 1_000_000;
                    Page page = fetched.page();
                    // fetched during a disconnect: not written
                    ctx.checkCancelled();
                    for (SyncedRecord r : page.records()) {
                        if (r.table() != table) {
                            throw new ConnectorException.MalformedResponse("stream " + stream.name() + " returned a " + r.table()
                                    + " record; it fills " + table);
                        }
                    }
                    Checkpoint next = page.next();
                    if (props.prefetch() && page.hasMore() && !next.equals(checkpoint)) {
                        ahead = PREFETCH.submit(() -> fetch(ctx, stream, next));
                    }
                    long t1 = System.nanoTime();
                    Map<String, TableCounts> after = tx.run(tenant, j -> {
                        BatchResult result = writer.write(j, target, table, page.records());
                        int deleted = writer.delete(j, target, table, page.deletedSourceIds());
                        if (!sweep) state.save(j, target.orgId(), target.integrationId(), stream.name(), next);
                        Map<String, TableCounts> updated = new LinkedHashMap<>(counts);
                        updated.merge(table.tableName(), TableCounts.ZERO.plus(result).plusDeleted(deleted).plusFailed(page.failures().size()),
                                TableCounts::sum);
                        addProblems(table, result, page);
                        runs.progress(j, id, report(updated));
                        return updated;
                    });
                    streamInserted += after.get(table.tableName()).inserted()
                            - counts.getOrDefault(table.tableName(), TableCounts.ZERO).inserted();
                    counts = after;
                    touched.add(table);
                    pages++;
                    if (sweep) {
                        page.records().forEach(r -> seen.add(r.sourceId()));
                        // a record that could not be read still exists upstream: never swept away for that
                        page.failures().forEach(f -> { if (f.sourceId() != null) seen.add(f.sourceId()); });
                    }
                    streamCount += page.records().size() + page.failures().size();
                    log.info("event=sync_page run_id={} stream={} page={} records={} deleted={} failures={} fetch_ms={} write_ms={} wait_ms={}",
                            id, stream.name(), pages, page.records().size(), page.deletedSourceIds().size(), page.failures().size(),
                            fetched.ms(), (System.nanoTime() - t1) / 1_000_000, waitMs);
                    publish(new SyncProgress(target.orgId(), target.integrationId(), meta.slug(), stream.name(), streamCount, "running"));
                    interruptions.afterPage(target.integrationId(), pages);
                    if (!page.hasMore()) break;
                    if (next.equals(checkpoint)) {
                        throw new ConnectorException.MalformedResponse("stream " + stream.name()
                                + " asked for more pages without moving its checkpoint");
                    }
                    checkpoint = next;
                }
            } finally {
                // the run ends here (failure, cancel, test hook): a page fetched ahead is never written
                if (ahead != null) ahead.cancel(true);
            }
            if (sweep) {
                int swept = tx.run(tenant, j -> writer.sweep(j, target, table, seen));
                if (swept > 0) counts.merge(table.tableName(), TableCounts.ZERO.plusDeleted(swept), TableCounts::sum);
            }
            refreshStatistics(table, streamInserted);
            publish(new SyncProgress(target.orgId(), target.integrationId(), meta.slug(), stream.name(), streamCount, "completed"));
        }

        /** Planner statistics of a table that just grew a lot, before later streams look rows up in it. */
        void refreshStatistics(SyncedTable table, long inserted) {
            try {
                long t0 = System.nanoTime();
                // system: ANALYZE needs the owner; it reads no tenant's rows for anyone and returns nothing
                boolean ran = tx.system("planner statistics after a sync load", j -> writer.analyzeAfterLoad(j, table, inserted));
                if (ran) log.info("event=sync_analyzed run_id={} table={} inserted={} ms={}", id, table.tableName(), inserted,
                        (System.nanoTime() - t0) / 1_000_000);
            } catch (DataAccessException e) {
                // a lock timeout (autovacuum is at it) or no privilege: the statistics come later, the sync goes on
                log.warn("event=sync_analyze_skipped run_id={} table={} error={}", id, table.tableName(), e.getMostSpecificCause().getMessage());
            }
        }

        Fetched fetch(ConnectorContext ctx, StreamSpec stream, Checkpoint checkpoint) {
            long t0 = System.nanoTime();
            Page page = source.fetch(ctx, stream, checkpoint);
            return new Fetched(page, (System.nanoTime() - t0) / 1_000_000);
        }

        boolean cancelled() {
            return tx.run(tenant, j -> integrations.status(j, target.integrationId()))
                    .map(s -> s == Integration.Status.DISCONNECTED).orElse(true);
        }

        SyncOutcome failed(String error, boolean needsReconnect) {
            finished("failed", error);
            publish(new SyncProgress(target.orgId(), target.integrationId(), meta.slug(), "all", total(), "failed"));
            publish(new SyncFailed(target.orgId(), target.integrationId(), id, meta.slug(), error, false, counts));
            return new SyncOutcome.Failed(id, error, needsReconnect, Map.copyOf(counts));
        }

        void finished(String status, String error) {
            log.info("event=sync_finished org_id={} integration_id={} provider={} run_id={} status={} pages={} records={} ms={}{}",
                    target.orgId(), target.integrationId(), meta.slug(), id, status, pages, total(),
                    (System.nanoTime() - started) / 1_000_000, error == null ? "" : " error=\"" + error + "\"");
        }

        long total() {
            return counts.values().stream().mapToLong(TableCounts::seen).sum();
        }

        void addProblems(SyncedTable table, BatchResult result, Page page) {
            for (Page.RecordFailure f : page.failures()) {
                if (problems.size() >= props.maxProblems()) return;
                problems.add(problem(table, f.sourceId(), "the connector could not read the record: " + f.reason(), true));
            }
            for (BatchResult.Problem p : result.problems()) {
                if (problems.size() >= props.maxProblems()) return;
                problems.add(problem(table, p.sourceId(), p.message(), p.recordFailed()));
            }
        }

        Map<String, Object> report() {
            return report(counts);
        }

        Map<String, Object> report(Map<String, TableCounts> c) {
            Map<String, Object> out = new LinkedHashMap<>();
            c.forEach((table, n) -> out.put(table, Map.of("inserted", n.inserted(), "updated", n.updated(),
                    "unchanged", n.unchanged(), "deleted", n.deleted(), "failed", n.failed(), "warnings", n.warnings())));
            if (!problems.isEmpty()) out.put("problems", List.copyOf(problems));
            return out;
        }

        String describe(RuntimeException e) {
            String name = meta.name();
            return switch (e) {
                case ConnectorException.RateLimited r -> name + " kept rate-limiting the sync" + r.retryAfter()
                        .map(d -> " (retry after " + d.toSeconds() + " s)").orElse("") + "; the next sync resumes where this one stopped";
                case ConnectorException.Unavailable u -> name + " is unavailable (" + u.getMessage()
                        + "); the next sync resumes where this one stopped";
                case ConnectorException.MalformedResponse m -> name + " sent a response that could not be read ("
                        + m.getMessage() + "); the next sync resumes where this one stopped";
                case ConnectorException.Rejected r -> name + " refused a sync request (" + r.status() + ": " + r.getMessage() + ")";
                case ConnectorException.InvalidRequest i -> i.getMessage();
                default -> e.getMessage();
            };
        }
    }

    private static Map<String, Object> problem(SyncedTable table, String sourceId, String message, boolean recordFailed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", table.tableName());
        m.put("source_id", sourceId == null ? "" : sourceId);
        m.put("message", message);
        m.put("record_failed", recordFailed);
        return m;
    }

    /** A fetched page and how long the vendor call took. */
    private record Fetched(Page page, long ms) {}

    /** The prefetched page, or what its fetch threw (as if it had been fetched on this thread). */
    private static Fetched await(Future<Fetched> ahead) {
        try {
            return ahead.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            ahead.cancel(true);
            Thread.currentThread().interrupt();
            throw new ConnectorException.Cancelled();
        }
    }

    private void publish(Object event) {
        try {
            events.publishEvent(event);
        } catch (RuntimeException e) {
            log.warn("event=sync_event_listener_failed type={} error={}", event.getClass().getSimpleName(), e.toString());
        }
    }
}

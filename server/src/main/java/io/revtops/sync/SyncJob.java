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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * One sync of one integration, stream by stream in the connector's order: load the stream's checkpoint, fetch pages,
 * write their records and deletions and save the checkpoint of the last of them in one transaction, until the stream
 * has no more pages. Small vendor pages are written together, about {@code revtops.sync.batch-rows} records per
 * transaction (HubSpot lists at most 100 per page), so a resumed run restarts after the last committed batch. SWEEP
 * streams list everything from the start and end by deleting the rows they did not see. The integration is checked
 * before every vendor request and before every write: once disconnected, the run stops as cancelled. Every run is
 * recorded in {@code sync_runs} and ends with {@link SyncCompleted} or {@link SyncFailed}. Runs on a worker
 * (db-scheduler); HTTP calls happen outside any database transaction. While a batch is written, the stream's next
 * pages are already being fetched (one request at a time, on a virtual thread, up to batch-rows records ahead,
 * {@code revtops.sync.prefetch}); they are written only after the batch before them committed, and dropped if the run
 * stops, so checkpoints and resumption are as without it.
 */
@Component
public class SyncJob {
    private static final Logger log = LoggerFactory.getLogger(SyncJob.class);
    /** Fetches a stream's next pages while the current batch is written (blocking HTTP: virtual threads). */
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
            StreamTotals totals = new StreamTotals();
            Batch batch = new Batch();
            // the fetches run ahead of the writes (one request to the vendor at a time); whatever was fetched and not
            // written when the stream stops (failure, cancel, test hook) is dropped with them
            try (PageFeed feed = props.prefetch() ? new FeedAhead(ctx, stream, checkpoint, props.batchRows())
                    : new FeedInline(ctx, stream, checkpoint)) {
                while (true) {
                    long w0 = System.nanoTime();
                    Fetched fetched;
                    try {
                        fetched = feed.next();
                    } catch (ConnectorException.Cancelled e) {
                        throw e;
                    } catch (RuntimeException e) {
                        // as without batching: the pages before the one that failed are kept, the next run resumes after them
                        commitIfAny(ctx, stream, table, batch, sweep, totals);
                        throw e;
                    }
                    Page page = fetched.page();
                    for (SyncedRecord r : page.records()) {
                        if (r.table() != table) {
                            commitIfAny(ctx, stream, table, batch, sweep, totals);
                            throw new ConnectorException.MalformedResponse("stream " + stream.name() + " returned a " + r.table()
                                    + " record; it fills " + table);
                        }
                    }
                    Checkpoint next = page.next();
                    boolean stuck = page.hasMore() && next.equals(checkpoint);
                    batch.add(page, next, fetched.ms(), (System.nanoTime() - w0) / 1_000_000);
                    if (sweep) {
                        page.records().forEach(r -> seen.add(r.sourceId()));
                        // a record that could not be read still exists upstream: never swept away for that
                        page.failures().forEach(f -> { if (f.sourceId() != null) seen.add(f.sourceId()); });
                    }
                    // small vendor pages (HubSpot: 100 at most) are written together, about batch-rows per transaction
                    if (!page.hasMore() || stuck || batch.size >= props.batchRows()) {
                        commitIfAny(ctx, stream, table, batch, sweep, totals);
                    }
                    if (!page.hasMore()) break;
                    if (stuck) {
                        throw new ConnectorException.MalformedResponse("stream " + stream.name()
                                + " asked for more pages without moving its checkpoint");
                    }
                    checkpoint = next;
                }
            }
            if (sweep) {
                int swept = tx.run(tenant, j -> writer.sweep(j, target, table, seen));
                if (swept > 0) counts.merge(table.tableName(), TableCounts.ZERO.plusDeleted(swept), TableCounts::sum);
            }
            refreshStatistics(table, totals.inserted);
            publish(new SyncProgress(target.orgId(), target.integrationId(), meta.slug(), stream.name(), totals.count, "completed"));
        }

        /**
         * Writes the batch's records and deletions and saves the checkpoint of its last page, in one transaction;
         * pages fetched during a disconnect are not written.
         */
        void commitIfAny(ConnectorContext ctx, StreamSpec stream, SyncedTable table, Batch batch, boolean sweep, StreamTotals totals) {
            if (batch.pages == 0) return;
            ctx.checkCancelled();
            long t1 = System.nanoTime();
            List<SyncedRecord> records = batch.records;
            Checkpoint last = batch.checkpoint;
            Map<String, TableCounts> after = tx.run(tenant, j -> {
                BatchResult result = writer.write(j, target, table, records);
                int deleted = writer.delete(j, target, table, batch.deleted);
                if (!sweep) state.save(j, target.orgId(), target.integrationId(), stream.name(), last);
                Map<String, TableCounts> updated = new LinkedHashMap<>(counts);
                updated.merge(table.tableName(), TableCounts.ZERO.plus(result).plusDeleted(deleted).plusFailed(batch.failures.size()),
                        TableCounts::sum);
                addProblems(table, result, batch.failures);
                runs.progress(j, id, report(updated));
                return updated;
            });
            totals.inserted += after.get(table.tableName()).inserted()
                    - counts.getOrDefault(table.tableName(), TableCounts.ZERO).inserted();
            counts = after;
            touched.add(table);
            pages += batch.pages;
            totals.count += batch.rows + batch.failures.size();
            log.info("event=sync_page run_id={} stream={} page={} records={} deleted={} failures={} vendor_pages={} fetch_ms={} write_ms={} wait_ms={}",
                    id, stream.name(), pages, batch.rows, batch.deleted.size(), batch.failures.size(), batch.pages, batch.fetchMs,
                    (System.nanoTime() - t1) / 1_000_000, batch.waitMs);
            batch.clear();
            publish(new SyncProgress(target.orgId(), target.integrationId(), meta.slug(), stream.name(), totals.count, "running"));
            interruptions.afterPage(target.integrationId(), pages);
        }

        /** The pages of one stream in order, each fetched once; closing it drops whatever was fetched and not taken. */
        private interface PageFeed extends AutoCloseable {
            /** The next page, or what its fetch threw. Not called again after a page without more. */
            Fetched next();

            @Override
            void close();
        }

        /** Fetches on the caller's thread when the page is asked for (prefetch off). */
        private final class FeedInline implements PageFeed {
            private final ConnectorContext ctx;
            private final StreamSpec stream;
            private Checkpoint checkpoint;

            FeedInline(ConnectorContext ctx, StreamSpec stream, Checkpoint from) {
                this.ctx = ctx;
                this.stream = stream;
                this.checkpoint = from;
            }

            @Override
            public Fetched next() {
                ctx.checkCancelled();
                Fetched f = fetch(ctx, stream, checkpoint);
                checkpoint = f.page().next();
                return f;
            }

            @Override
            public void close() {}
        }

        /**
         * Fetches the stream's pages one after the other on a virtual thread, ahead of the writes, as long as less
         * than {@code aheadRows} fetched (records, deletions and failures, see {@link #size}) wait to be taken, so the
         * pages of the next batch arrive while this one is written. The vendor still sees one request at a time, and a
         * disconnect is checked before each request.
         */
        private final class FeedAhead implements PageFeed {
            private final ReentrantLock lock = new ReentrantLock();
            private final Condition changed = lock.newCondition();
            /** Fetched pages and, last, what stopped the fetching (an exception), in order. */
            private final ArrayDeque<Object> queue = new ArrayDeque<>();
            private final int aheadRows;
            private int queuedRows;
            /** Set by {@link #close}; the fetching thread stops at its next step. */
            private boolean closed;
            /** Whether the fetching thread is in a vendor request (the only step {@link #close} interrupts). */
            private boolean inRequest;
            private final Future<?> task;

            FeedAhead(ConnectorContext ctx, StreamSpec stream, Checkpoint from, int aheadRows) {
                this.aheadRows = Math.max(1, aheadRows);
                this.task = PREFETCH.submit(() -> produce(ctx, stream, from));
            }

            private void produce(ConnectorContext ctx, StreamSpec stream, Checkpoint from) {
                Checkpoint checkpoint = from;
                try {
                    while (true) {
                        lock.lock();
                        try {
                            while (queuedRows >= aheadRows && !closed) changed.await();
                            if (closed) return;
                        } finally {
                            lock.unlock();
                        }
                        // a database read: never interrupted (that would close its pooled connection)
                        ctx.checkCancelled();
                        lock.lock();
                        try {
                            if (closed) return;
                            inRequest = true;
                        } finally {
                            lock.unlock();
                        }
                        Fetched f;
                        try {
                            f = fetch(ctx, stream, checkpoint);
                        } finally {
                            lock.lock();
                            try {
                                inRequest = false;
                            } finally {
                                lock.unlock();
                            }
                        }
                        Page page = f.page();
                        if (!offer(f, size(page))) return;
                        // the end, or a checkpoint that did not move (the engine reports that one)
                        if (!page.hasMore() || page.next().equals(checkpoint)) return;
                        checkpoint = page.next();
                    }
                } catch (InterruptedException e) {
                    // closed while waiting: nobody takes more pages
                } catch (RuntimeException | Error e) {
                    offer(e, 0);
                }
            }

            /** Queues a page or what stopped the fetching; false once closed. */
            private boolean offer(Object item, int rows) {
                lock.lock();
                try {
                    if (closed) return false;
                    queue.add(item);
                    queuedRows += rows;
                    changed.signalAll();
                    return true;
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public Fetched next() {
                Object item;
                lock.lock();
                try {
                    while (queue.isEmpty()) changed.await();
                    item = queue.poll();
                    if (item instanceof Fetched f) queuedRows -= size(f.page());
                    changed.signalAll();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectorException.Cancelled();
                } finally {
                    lock.unlock();
                }
                return switch (item) {
                    case Fetched f -> f;
                    case RuntimeException r -> throw r;
                    case Error err -> throw err;
                    default -> throw new IllegalStateException("unexpected " + item);
                };
            }

            /** Drops what was fetched and not taken; a vendor request under way is interrupted, nothing else is. */
            @Override
            public void close() {
                lock.lock();
                try {
                    closed = true;
                    queue.clear();
                    if (inRequest) task.cancel(true);
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }

        /** What one stream did so far. */
        private static final class StreamTotals {
            long count;
            long inserted;
        }

        /**
         * Fetched pages of one stream not yet written: their records and deletions merged in page order (a record
         * deleted by a later page is not written, a deletion undone by a later page's record is not applied, as
         * writing the pages one by one would end), failures, and the checkpoint of the last page.
         */
        private static final class Batch {
            final List<SyncedRecord> records = new ArrayList<>();
            final Set<String> deleted = new LinkedHashSet<>();
            final List<Page.RecordFailure> failures = new ArrayList<>();
            Checkpoint checkpoint;
            int pages;
            int rows;
            /** Records, deletions and failures, at least one per page: what batch-rows is compared with. */
            int size;
            long fetchMs;
            long waitMs;

            void add(Page page, Checkpoint next, long fetchMs, long waitMs) {
                if (!deleted.isEmpty()) page.records().forEach(r -> deleted.remove(r.sourceId()));
                records.addAll(page.records());
                if (!page.deletedSourceIds().isEmpty()) {
                    Set<String> gone = new HashSet<>(page.deletedSourceIds());
                    records.removeIf(r -> gone.contains(r.sourceId()));
                    deleted.addAll(page.deletedSourceIds());
                }
                failures.addAll(page.failures());
                checkpoint = next;
                pages++;
                rows += page.records().size();
                size += size(page);
                this.fetchMs += fetchMs;
                this.waitMs += waitMs;
            }

            void clear() {
                records.clear();
                deleted.clear();
                failures.clear();
                checkpoint = null;
                pages = 0;
                rows = 0;
                size = 0;
                fetchMs = 0;
                waitMs = 0;
            }
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

        void addProblems(SyncedTable table, BatchResult result, List<Page.RecordFailure> failures) {
            for (Page.RecordFailure f : failures) {
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

    /**
     * How much a page weighs against batch-rows, in writing and in fetching ahead: its records, deletions and failures,
     * at least one (a run of empty or deletion-only pages is bounded too).
     */
    private static int size(Page page) {
        return Math.max(1, page.records().size() + page.deletedSourceIds().size() + page.failures().size());
    }

    /** A fetched page and how long the vendor call took. */
    private record Fetched(Page page, long ms) {}

    private void publish(Object event) {
        try {
            events.publishEvent(event);
        } catch (RuntimeException e) {
            log.warn("event=sync_event_listener_failed type={} error={}", event.getClass().getSimpleName(), e.toString());
        }
    }
}

package io.revtops.testing.sync;

import io.revtops.connectors.Checkpoint;
import io.revtops.connectors.Page;
import io.revtops.connectors.StreamSpec;
import io.revtops.connectors.SyncedRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The source system behind the fake connectors, one data set per integration: each stream is a change log (every
 * create, update and delete gets the next version), listed incrementally ("modified since version v", with
 * deletions) for DELTA streams and as a full listing by offset for SWEEP streams, {@code pageSize} records a page.
 * Tests change it between syncs and hook into fetches (count them, block, fail).
 */
public final class FakeVendor {
    /** Called before each fetch of an integration, with the stream and the 1-based fetch number of that integration. */
    @FunctionalInterface
    public interface FetchHook {
        void beforeFetch(StreamSpec stream, int fetchNumber);
    }

    private record Change(long version, String sourceId, SyncedRecord record) {}

    private static final class Data {
        final Map<String, List<Change>> logs = new ConcurrentHashMap<>();
        final AtomicInteger fetches = new AtomicInteger();
        volatile int pageSize = 7;
        volatile FetchHook hook = (s, n) -> {};
        long version;
        final Map<String, List<Page.RecordFailure>> failures = new ConcurrentHashMap<>();
    }

    private final Map<UUID, Data> data = new ConcurrentHashMap<>();

    private Data of(UUID integrationId) {
        return data.computeIfAbsent(integrationId, k -> new Data());
    }

    public void pageSize(UUID integrationId, int size) {
        of(integrationId).pageSize = size;
    }

    public void hook(UUID integrationId, FetchHook hook) {
        of(integrationId).hook = hook;
    }

    /** A fetch held back until the test lets it go: {@link #pauseAt}. */
    public static final class Pause {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Waits until the sync is at the paused fetch; false after 30 s. */
        public boolean awaitReached() throws InterruptedException {
            return reached.await(30, TimeUnit.SECONDS);
        }

        public void release() {
            released.countDown();
        }
    }

    /** Holds the integration's fetch number {@code fetchNumber} (1-based) until {@link Pause#release()} (at most 30 s). */
    public Pause pauseAt(UUID integrationId, int fetchNumber) {
        Pause pause = new Pause();
        hook(integrationId, (stream, n) -> {
            if (n != fetchNumber) return;
            pause.reached.countDown();
            try {
                pause.released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return pause;
    }

    public int fetches(UUID integrationId) {
        return of(integrationId).fetches.get();
    }

    /** Creates or changes records (each gets a new version). */
    public synchronized void put(UUID integrationId, String stream, List<SyncedRecord> records) {
        Data d = of(integrationId);
        List<Change> log = d.logs.computeIfAbsent(stream, k -> new ArrayList<>());
        for (SyncedRecord r : records) log.add(new Change(++d.version, r.sourceId(), r));
    }

    public void put(UUID integrationId, String stream, SyncedRecord record) {
        put(integrationId, stream, List.of(record));
    }

    public synchronized void delete(UUID integrationId, String stream, String sourceId) {
        Data d = of(integrationId);
        d.logs.computeIfAbsent(stream, k -> new ArrayList<>()).add(new Change(++d.version, sourceId, null));
    }

    /** Records the connector reports as unreadable in the stream's first page. */
    public void failures(UUID integrationId, String stream, List<Page.RecordFailure> failures) {
        of(integrationId).failures.put(stream, List.copyOf(failures));
    }

    /** The live record of a source id, if not deleted. */
    public synchronized SyncedRecord current(UUID integrationId, String stream, String sourceId) {
        return latest(of(integrationId), stream).get(sourceId).record();
    }

    public synchronized List<SyncedRecord> live(UUID integrationId, String stream) {
        return latest(of(integrationId), stream).values().stream().filter(c -> c.record() != null).map(Change::record).toList();
    }

    Page fetch(UUID integrationId, StreamSpec stream, Checkpoint checkpoint) {
        Data d = of(integrationId);
        int n = d.fetches.incrementAndGet();
        // the hook may block (a test disconnecting meanwhile) or throw (a revoked token): outside the lock
        d.hook.beforeFetch(stream, n);
        synchronized (this) {
            return stream.deletions() == StreamSpec.Deletions.SWEEP ? listing(d, stream, checkpoint) : changes(d, stream, checkpoint);
        }
    }

    private Page changes(Data d, StreamSpec stream, Checkpoint checkpoint) {
        long after = checkpoint.get("version").map(Long::parseLong).orElse(0L);
        List<Change> pending = latest(d, stream.name()).values().stream()
                .filter(c -> c.version() > after)
                .filter(c -> c.record() != null || after > 0)
                .sorted(Comparator.comparingLong(Change::version)).toList();
        List<Change> page = pending.subList(0, Math.min(d.pageSize, pending.size()));
        List<SyncedRecord> records = page.stream().filter(c -> c.record() != null).map(Change::record).toList();
        List<String> deleted = page.stream().filter(c -> c.record() == null).map(Change::sourceId).toList();
        long last = page.isEmpty() ? Math.max(after, d.version) : page.getLast().version();
        boolean more = pending.size() > page.size();
        List<Page.RecordFailure> failures = checkpoint.isStart() ? d.failures.getOrDefault(stream.name(), List.of()) : List.of();
        return new Page(records, deleted, failures, checkpoint.with("version", Long.toString(more ? last : Math.max(last, d.version))), more);
    }

    private Page listing(Data d, StreamSpec stream, Checkpoint checkpoint) {
        int offset = checkpoint.get("offset").map(Integer::parseInt).orElse(0);
        List<SyncedRecord> all = latest(d, stream.name()).values().stream().filter(c -> c.record() != null)
                .map(Change::record).sorted(Comparator.comparing(SyncedRecord::sourceId)).toList();
        List<SyncedRecord> page = all.subList(Math.min(offset, all.size()), Math.min(offset + d.pageSize, all.size()));
        boolean more = offset + page.size() < all.size();
        return new Page(page, List.of(), List.of(), checkpoint.with("offset", Integer.toString(offset + page.size())), more);
    }

    private static Map<String, Change> latest(Data d, String stream) {
        Map<String, Change> out = new TreeMap<>();
        for (Change c : d.logs.getOrDefault(stream, List.of())) out.put(c.sourceId(), c);
        return new LinkedHashMap<>(out);
    }
}

package io.revtops.connectors.testing;

import io.revtops.connectors.Checkpoint;
import io.revtops.connectors.ConnectorContext;
import io.revtops.connectors.Page;
import io.revtops.connectors.StreamSpec;
import io.revtops.connectors.SyncSource;
import io.revtops.connectors.SyncedRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What fetching one stream to the end gave: every page's records, deletions, failures, and the last checkpoint. */
public record StreamRun(List<SyncedRecord> records, List<String> deleted, List<Page.RecordFailure> failures,
                        Checkpoint checkpoint, int pages) {

    /** Fetches {@code stream} from {@code from} until a page says no more follows, as the engine does. */
    public static StreamRun of(SyncSource source, ConnectorContext ctx, StreamSpec stream, Checkpoint from) {
        List<SyncedRecord> records = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<Page.RecordFailure> failures = new ArrayList<>();
        Checkpoint cp = from;
        int pages = 0;
        while (true) {
            Page page = source.fetch(ctx, stream, cp);
            pages++;
            records.addAll(page.records());
            deleted.addAll(page.deletedSourceIds());
            failures.addAll(page.failures());
            cp = page.next();
            if (!page.hasMore()) return new StreamRun(records, deleted, failures, cp, pages);
            if (pages > 10_000) throw new AssertionError("stream " + stream.name() + " does not end");
        }
    }

    /** Every stream of a source, in order, each from its checkpoint in {@code checkpoints} (updated in place). */
    public static Map<String, StreamRun> all(SyncSource source, ConnectorContext ctx, Map<String, Checkpoint> checkpoints) {
        Map<String, StreamRun> runs = new LinkedHashMap<>();
        for (StreamSpec s : source.streams()) {
            StreamRun run = of(source, ctx, s, checkpoints.getOrDefault(s.name(), Checkpoint.START));
            checkpoints.put(s.name(), run.checkpoint());
            runs.put(s.name(), run);
        }
        return runs;
    }

    public List<String> ids() {
        return records.stream().map(SyncedRecord::sourceId).toList();
    }

    public SyncedRecord record(String sourceId) {
        return records.stream().filter(r -> r.sourceId().equals(sourceId)).findFirst()
                .orElseThrow(() -> new AssertionError("no record " + sourceId));
    }
}

package io.revtops.search;

import java.io.PrintStream;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@code revtops reindex}: rebuilds every embedding with the active model, in this process, with a progress bar on
 * stderr. Safe while workers run: rows are claimed with leases, so nothing is embedded twice at once.
 */
@Component
public class ReindexCommand {
    private final EmbeddingIndexer indexer;
    private final Embedder embedder;

    public ReindexCommand(EmbeddingIndexer indexer, Embedder embedder) {
        this.indexer = indexer;
        this.embedder = embedder;
    }

    /** Runs the rebuild; 0 when everything was embedded, 1 when rows are left queued (provider errors). */
    public int run(PrintStream out, PrintStream err) {
        err.println("Rebuilding search embeddings with " + embedder.model() + " (" + embedder.dimensions() + " dimensions)…");
        long started = System.nanoTime();
        long[] lastDraw = {0};
        EmbeddingIndexer.Drained result = indexer.rebuild((done, total) -> {
            long now = System.nanoTime();
            if (done < total && now - lastDraw[0] < 200_000_000L) return;
            lastDraw[0] = now;
            err.print("\r" + bar(done, total, (now - started) / 1e9));
            err.flush();
        });
        err.println();
        long left = indexer.pending();
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "Reindexed %d records: %d chunks embedded, %d removed, in %.1f s.%n", result.documents(),
                result.chunksEmbedded(), result.removed(), seconds);
        if (left > 0) {
            err.println(left + " records are still queued (the embedding provider failed: " + "see the log); workers retry them.");
            return 1;
        }
        return 0;
    }

    static String bar(long done, long total, double seconds) {
        int width = 30;
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * width);
        double rate = seconds > 0 ? done / seconds : 0;
        return String.format(Locale.ROOT, "[%s%s] %d/%d records %3.0f%% %.0f/s", "#".repeat(filled), ".".repeat(width - filled),
                done, total, fraction * 100, rate);
    }
}

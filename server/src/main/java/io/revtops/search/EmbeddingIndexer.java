package io.revtops.search;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.revtops.platform.db.TenantTx;
import io.revtops.search.indexing.Chunker;
import io.revtops.search.indexing.EmbeddingQueue;
import io.revtops.search.indexing.EmbeddingQueue.Item;
import io.revtops.search.indexing.EmbeddingStore;
import io.revtops.search.indexing.EmbeddingStore.StoredChunk;
import io.revtops.search.indexing.SearchDocument;
import io.revtops.search.indexing.SourceDocuments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Keeps {@code embeddings} in step with the searchable rows: takes rows from {@code embedding_queue} (filled by
 * triggers when a row's text changes), renders each as a document, chunks it, embeds only the chunks whose hash is
 * not stored yet for the active model, stores them, drops chunks past the new count and vectors of other models,
 * and only then removes the row from the queue. A provider error puts the claimed rows back with a growing delay;
 * a crash leaves them leased until the lease runs out. Runs as a system task on the owner connection (it must read
 * owner-only rows of every user to embed them), in worker processes (db-scheduler) and in {@code revtops reindex}.
 */
@Service
public class EmbeddingIndexer {
    private static final Logger log = LoggerFactory.getLogger(EmbeddingIndexer.class);
    private static final String WHY = "search indexing reads rows of every visibility to embed them";
    private static final int CLAIM = 64;
    private static final Duration LEASE = Duration.ofMinutes(10);

    /** What one drain did. */
    public record Drained(int documents, int chunksEmbedded, int chunksUnchanged, int removed, int failures) {
        static final Drained NONE = new Drained(0, 0, 0, 0, 0);

        Drained plus(Drained o) {
            return new Drained(documents + o.documents, chunksEmbedded + o.chunksEmbedded,
                    chunksUnchanged + o.chunksUnchanged, removed + o.removed, failures + o.failures);
        }
    }

    private final TenantTx tx;
    private final Embedder embedder;
    private final EmbeddingQueue queue;
    private final EmbeddingStore store;
    private final SourceDocuments documents;
    private final Chunker chunker;
    private final RateLimiter throttle;
    private final AtomicLong chunksEmbedded = new AtomicLong();
    private final AtomicBoolean modelChecked = new AtomicBoolean();

    public EmbeddingIndexer(TenantTx tx, Embedder embedder, EmbeddingQueue queue, EmbeddingStore store,
                            SourceDocuments documents, SearchProperties props) {
        this.tx = tx;
        this.embedder = embedder;
        this.queue = queue;
        this.store = store;
        this.documents = documents;
        this.chunker = new Chunker(props.chunkTokens(), props.chunkOverlap());
        this.throttle = props.maxChunksPerSecond() <= 0 ? null : RateLimiter.of("embeddings", RateLimiterConfig.custom()
                .limitForPeriod(Math.max(1, (int) Math.round(props.maxChunksPerSecond())))
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofMinutes(5))
                .build());
    }

    /** Chunks embedded by this process since it started (every drain, background or not). */
    public long chunksEmbedded() {
        return chunksEmbedded.get();
    }

    /** Rows waiting to be embedded (due or waiting for a retry). */
    public long pending() {
        return tx.system(WHY, queue::pending);
    }

    /** Embeds queued rows until none is due or {@code budget} has passed. */
    public Drained drain(Duration budget) {
        return drain(budget, n -> { });
    }

    /** {@link #drain(Duration)}, telling {@code progress} how many rows each batch finished. */
    public Drained drain(Duration budget, LongConsumer progress) {
        checkModelOnce();
        long deadline = System.nanoTime() + budget.toNanos();
        Drained total = Drained.NONE;
        while (System.nanoTime() < deadline) {
            List<Item> claimed = tx.system(WHY, j -> queue.claim(j, CLAIM, LEASE));
            if (claimed.isEmpty()) break;
            Drained batch = process(claimed);
            total = total.plus(batch);
            progress.accept(claimed.size());
            if (batch.failures() > 0) break; // the provider is failing: leave the rest for the next run
        }
        if (total.documents() > 0 || total.failures() > 0) {
            log.info("event=search_indexed documents={} chunks_embedded={} chunks_unchanged={} removed={} failures={} model={}",
                    total.documents(), total.chunksEmbedded(), total.chunksUnchanged(), total.removed(), total.failures(),
                    embedder.model());
        }
        return total;
    }

    /**
     * A full rebuild: every searchable row is queued and every chunk embedded again (stored hashes are ignored),
     * then the queue is drained here. {@code progress} receives (done, total) after each batch.
     */
    public Drained rebuild(java.util.function.BiConsumer<Long, Long> progress) {
        long total = tx.system(WHY, j -> {
            // forget the hashes so unchanged chunks are embedded again; the old vectors stay searchable until replaced
            j.sql("UPDATE embeddings SET content_hash = NULL WHERE content_hash IS NOT NULL").update();
            return queue.enqueueAll(j);
        });
        AtomicLong done = new AtomicLong();
        progress.accept(0L, total);
        Drained result = Drained.NONE;
        long stalledSince = System.nanoTime();
        while (true) {
            Drained d = drain(Duration.ofMinutes(1), n -> progress.accept(Math.min(total, done.addAndGet(n)), total));
            result = result.plus(d);
            if (d.failures() > 0) break; // the provider fails: what is left stays queued for the workers
            if (d.documents() > 0 || d.removed() > 0) {
                stalledSince = System.nanoTime();
                continue;
            }
            long due = tx.system(WHY, queue::due);
            if (due == 0) break; // empty, or only rows waiting for a retry
            // rows leased by a worker that is embedding them right now (or died: its lease runs out)
            if (System.nanoTime() - stalledSince > LEASE.plusMinutes(1).toNanos()) break;
            sleep(Duration.ofSeconds(1));
        }
        return result;
    }

    /** Once per process, before its first drain: {@link #replaceOtherModels()}. */
    void checkModelOnce() {
        if (modelChecked.getAndSet(true)) return;
        replaceOtherModels();
    }

    /**
     * After a switch of provider or model: queues every row that has vectors of another model; each is re-embedded
     * with the active model and its old vectors deleted when it is drained. Returns how many rows were queued.
     */
    public int replaceOtherModels() {
        int queued = tx.system(WHY, j -> queue.hasOtherModels(j, embedder.model()) ? queue.enqueueOtherModels(j, embedder.model()) : 0);
        if (queued > 0) {
            log.info("event=search_model_switch model={} rows_queued={}", embedder.model(), queued);
        }
        return queued;
    }

    private Drained process(List<Item> claimed) {
        Map<String, List<Item>> groups = claimed.stream().collect(Collectors.groupingBy(
                i -> i.orgId() + "/" + i.sourceTable(), LinkedHashMap::new, Collectors.toList()));
        List<Pending> work = new ArrayList<>();
        int removed = 0;
        int unchanged = 0;
        for (List<Item> group : groups.values()) {
            UUID org = group.get(0).orgId();
            String table = group.get(0).sourceTable();
            List<UUID> ids = group.stream().map(Item::sourceId).toList();
            if (!SourceDocuments.TABLES.contains(table)) {
                tx.system(WHY, j -> {
                    group.forEach(i -> queue.done(j, i));
                    return null;
                });
                continue;
            }
            Loaded loaded = tx.system(WHY, j -> {
                List<SearchDocument> docs = documents.load(j, org, table, ids);
                return new Loaded(docs, store.hashes(j, org, table, ids, embedder.model()));
            });
            Set<UUID> present = loaded.docs.stream().map(SearchDocument::id).collect(Collectors.toSet());
            List<UUID> gone = ids.stream().filter(id -> !present.contains(id)).toList();
            removed += gone.size();
            Pending p = new Pending(org, table, group, gone);
            for (SearchDocument doc : loaded.docs) {
                List<Chunker.Chunk> chunks = chunker.chunks(doc);
                p.chunkCounts.put(doc.id(), chunks.size());
                Map<Integer, String> stored = loaded.hashes.getOrDefault(doc.id(), Map.of());
                for (Chunker.Chunk c : chunks) {
                    if (c.hash().equals(stored.get(c.index()))) unchanged++;
                    else p.toEmbed.add(new StoredChunk(org, table, doc.id(), c.index(), c.hash(), c.text(), null));
                }
            }
            work.add(p);
        }
        List<StoredChunk> all = work.stream().flatMap(p -> p.toEmbed.stream()).toList();
        List<float[]> vectors;
        try {
            vectors = embed(all.stream().map(StoredChunk::text).toList());
        } catch (Embedder.EmbeddingFailed | IllegalArgumentException e) {
            Item worst = claimed.stream().max(java.util.Comparator.comparingInt(Item::attempts)).orElseThrow();
            Duration retry = backoff(worst.attempts());
            log.warn("event=search_embedding_failed rows={} retry_in_s={} model={} error=\"{}\"", claimed.size(),
                    retry.toSeconds(), embedder.model(), e.getMessage());
            tx.system(WHY, j -> {
                queue.failed(j, claimed, retry, e.getMessage() == null ? e.toString() : e.getMessage());
                return null;
            });
            return new Drained(0, 0, 0, 0, claimed.size());
        }
        Map<String, List<StoredChunk>> withVectors = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            StoredChunk c = all.get(i);
            withVectors.computeIfAbsent(c.orgId() + "/" + c.sourceTable(), k -> new ArrayList<>())
                    .add(new StoredChunk(c.orgId(), c.sourceTable(), c.sourceId(), c.index(), c.hash(), c.text(), vectors.get(i)));
        }
        tx.system(WHY, j -> {
            for (Pending p : work) {
                store.store(withVectors.getOrDefault(p.org + "/" + p.table, List.of()), embedder.model());
                store.prune(j, p.org, p.table, p.chunkCounts, embedder.model());
                store.deleteAll(j, p.org, p.table, p.gone);
                p.items.forEach(i -> queue.done(j, i));
            }
            return null;
        });
        chunksEmbedded.addAndGet(all.size());
        int docs = work.stream().mapToInt(p -> p.chunkCounts.size()).sum();
        return new Drained(docs, all.size(), unchanged, removed, 0);
    }

    private List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        int size = embedder.batchSize();
        for (int from = 0; from < texts.size(); from += size) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + size));
            if (throttle != null) throttle.acquirePermission(Math.min(batch.size(), throttle.getRateLimiterConfig().getLimitForPeriod()));
            List<float[]> vectors = embedder.embed(batch);
            if (vectors.size() != batch.size()) {
                throw new Embedder.EmbeddingFailed("the embedder returned " + vectors.size() + " vectors for " + batch.size() + " texts");
            }
            for (float[] v : vectors) {
                if (v == null || v.length != embedder.dimensions()) {
                    throw new Embedder.EmbeddingFailed("the embedder returned a vector of the wrong dimension");
                }
            }
            out.addAll(vectors);
        }
        return out;
    }

    /** 30 s, 1 min, 2 min … capped at one hour. */
    static Duration backoff(int attempts) {
        long seconds = 30L << Math.min(7, Math.max(0, attempts - 1));
        return Duration.ofSeconds(Math.min(3_600, seconds));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private record Loaded(List<SearchDocument> docs, Map<UUID, Map<Integer, String>> hashes) {}

    /** One (organization, table) group of a claimed batch. */
    private static final class Pending {
        final UUID org;
        final String table;
        final List<Item> items;
        final List<UUID> gone;
        final Map<UUID, Integer> chunkCounts = new LinkedHashMap<>();
        final List<StoredChunk> toEmbed = new ArrayList<>();

        Pending(UUID org, String table, List<Item> items, List<UUID> gone) {
            this.org = org;
            this.table = table;
            this.items = items;
            this.gone = gone;
        }
    }
}

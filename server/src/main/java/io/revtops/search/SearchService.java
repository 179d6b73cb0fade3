package io.revtops.search;

import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.search.query.Candidate;
import io.revtops.search.query.DocKey;
import io.revtops.search.query.Fusion;
import io.revtops.search.query.Fusion.Fused;
import io.revtops.search.query.SearchRepository;
import io.revtops.search.query.SearchRepository.Details;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Hybrid search: keyword candidates (PostgreSQL full text), vector candidates (nearest chunks of the active
 * embedding model) and, for short texts, name candidates (trigram similarity of titles), fused by reciprocal rank
 * ({@link Fusion}), with filters, paging and citations. Everything runs in {@link TenantTx} transactions as the
 * caller, so owner-only rows of others, private conversations' artifacts and other organizations' rows are never
 * candidates. The REST route, the agent's {@code search} tool and the web page all come through here.
 */
@Service
public class SearchService {
    private static final Logger log = LoggerFactory.getLogger(SearchService.class);
    /** Texts with more words than this skip the name list: trigram similarity only helps for names. */
    private static final int NAME_MAX_WORDS = 4;
    /** Texts of at least this many words that no document matches as a whole (fewer than ANY_WORD_BELOW) try any word. */
    private static final int ANY_WORD_MIN_WORDS = 3;
    private static final int ANY_WORD_BELOW = 1;
    /** The smallest HNSW search list (pgvector's hnsw.ef_search; its default, 40, gave recall@10 0.61–0.83 at 1 M). */
    static final int EF_SEARCH = 400;

    private final TenantTx tx;
    private final QueryEmbedder queryEmbedder;
    private final VectorSupport vectors;
    private final SearchRepository repository;
    private final Clock clock;
    private final ExecutorService sides = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("revtops-search-", 0).factory());
    private volatile Optional<String> trgmSchema;

    public SearchService(TenantTx tx, QueryEmbedder queryEmbedder, VectorSupport vectors, SearchRepository repository) {
        this.tx = tx;
        this.queryEmbedder = queryEmbedder;
        this.vectors = vectors;
        this.repository = repository;
        this.clock = Clock.systemUTC();
    }

    public SearchResults search(Tenant tenant, SearchQuery q) {
        long t0 = System.nanoTime();
        int depth = Math.min(1_000, Math.max(100, 2 * (q.offset() + q.limit())));
        boolean useKeyword = q.mode() != SearchQuery.Mode.VECTOR;
        boolean useVector = q.mode() != SearchQuery.Mode.KEYWORD;
        // The keyword and vector sides do not depend on each other: the keyword side runs in its own transaction on a
        // virtual thread while this thread embeds the text and runs the vector side (bench/RESULTS.md, search at 1 M).
        // Each side is a transaction as the caller, so both see only what the caller may see.
        Optional<String> trgm = useKeyword && words(q) <= NAME_MAX_WORDS ? trgmSchema() : Optional.empty();
        Future<KeywordSide> keywordSide = useKeyword
                ? sides.submit(() -> {
                    long k0 = System.nanoTime();
                    KeywordSide side = tx.run(tenant, j -> {
                        repository.reusePlans(j);
                        return keywordSide(j, q, depth, trgm);
                    });
                    return side.took(System.nanoTime() - k0);
                })
                : CompletableFuture.completedFuture(KeywordSide.NONE);
        List<Candidate> vector;
        long v0 = System.nanoTime();
        try {
            vector = useVector ? vectorSide(tenant, q, depth) : List.of();
        } catch (RuntimeException e) {
            keywordSide.cancel(false);
            throw e;
        }
        long vectorNanos = System.nanoTime() - v0;
        KeywordSide keyword = join(keywordSide);
        List<Fused> fused = Fusion.fuse(keyword.all(), vector, keyword.anyWord(), keyword.names(), q.recency(), clock.instant());
        List<Fused> page = fused.subList(Math.min(q.offset(), fused.size()), Math.min(q.offset() + q.limit(), fused.size()));
        long d0 = System.nanoTime();
        Map<DocKey, Details> details = page.isEmpty() ? Map.of()
                : tx.run(tenant, j -> {
                    repository.reusePlans(j);
                    return repository.details(j, q.text(), page.stream().map(Fused::key).toList());
                });
        List<SearchHit> hits = new ArrayList<>(page.size());
        for (Fused f : page) {
            Details d = details.get(f.key());
            if (d != null) hits.add(hit(f, d)); // gone (or hidden) since the candidates were read
        }
        SearchResults results = new SearchResults(hits, fused.size());
        if (log.isDebugEnabled()) {
            long now = System.nanoTime();
            log.debug("event=search org_id={} mode={} results={} total={} ms={} keyword_ms={} vector_ms={} details_ms={}",
                    tenant.orgId(), q.mode(), results.results().size(), results.total(), millis(now - t0),
                    millis(keyword.nanos()), millis(vectorNanos), millis(now - d0));
        }
        return results;
    }

    /** Keyword candidates: documents with every word; else, for sentences, any word; else, for short texts, names. */
    private record KeywordSide(List<Candidate> all, List<Candidate> anyWord, List<Candidate> names, long nanos) {
        static final KeywordSide NONE = new KeywordSide(List.of(), List.of(), List.of(), 0);

        KeywordSide took(long nanos) {
            return new KeywordSide(all, anyWord, names, nanos);
        }
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }

    private KeywordSide keywordSide(JdbcClient j, SearchQuery q, int depth, Optional<String> trgm) {
        List<Candidate> keyword = repository.keyword(j, q, depth);
        // a sentence rarely matches with every word: documents sharing some of its words are weaker candidates
        List<Candidate> anyWord = keyword.size() < ANY_WORD_BELOW && words(q) >= ANY_WORD_MIN_WORDS
                ? repository.anyWord(j, q, depth) : List.of();
        // trigram similarity of titles only helps when no document has the words: a misspelt name
        List<Candidate> names = keyword.isEmpty() ? trgm.map(s -> repository.names(j, q, s, depth)).orElse(List.of())
                : List.of();
        return new KeywordSide(keyword, anyWord, names, 0);
    }

    private static int words(SearchQuery q) {
        return q.text().split("\\s+").length;
    }

    private List<Candidate> vectorSide(Tenant tenant, SearchQuery q, int depth) {
        // the query vector is computed before the transaction: no connection is held during inference
        Object queryVector = vectors.parameter(queryEmbedder.embedQuery(q.text()));
        String storedType = vectors.storedType(queryEmbedder.dimensions());
        int nearest = Math.min(1_000, q.filtered() ? depth * 4 : depth);
        return tx.run(tenant, j -> {
            repository.reusePlans(j);
            if (vectors.mode() == VectorSupport.Mode.PGVECTOR) {
                // the HNSW search list: at least the candidates asked for, and at least EF_SEARCH, where recall@10
                // was 0.99 against 0.93 at 100 on 1 M synthetic chunks with V62's graph, for 0–1 ms more
                // (bench/RESULTS.md)
                j.sql("SET LOCAL hnsw.ef_search = " + Math.min(1_000, Math.max(EF_SEARCH, nearest))).update();
            }
            return repository.vector(j, q, queryVector, storedType, queryEmbedder.model(), queryEmbedder.dimensions(),
                    nearest, depth);
        });
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new IllegalStateException("search interrupted", e);
        }
    }

    @PreDestroy
    void stop() {
        sides.shutdownNow();
    }

    private static SearchHit hit(Fused f, Details d) {
        String title = d.title().filter(t -> !t.isBlank()).orElseGet(() -> d.opening().map(o -> abbreviate(oneLine(o), 80))
                .orElse("(untitled)"));
        String snippet = d.headline().filter(h -> h.contains("«"))
                .or(() -> f.chunkText().map(SearchService::withoutPrefix))
                .or(() -> d.headline())
                .or(() -> d.opening())
                .map(s -> abbreviate(oneLine(s), 400))
                .orElse("");
        return new SearchHit(f.key().id(), d.docType(), f.key().sourceTable(), d.date(), oneLine(title), snippet,
                Math.round(f.score() * 1e6) / 1e6, link(f.key()), d.url().filter(u -> !u.isBlank()), d.sourceSystem());
    }

    /** The app route of a record (the web app's data browser and artifact pages). */
    static String link(DocKey key) {
        return switch (key.sourceTable()) {
            case "artifacts" -> "/artifacts/" + key.id();
            default -> "/data/" + key.sourceTable() + "/" + key.id();
        };
    }

    /** A chunk's text without its metadata line. */
    private static String withoutPrefix(String chunk) {
        int nl = chunk.indexOf('\n');
        return nl < 0 ? chunk : chunk.substring(nl + 1);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static String abbreviate(String s, int max) {
        return s.length() > max ? s.substring(0, max).strip() + "…" : s;
    }

    private Optional<String> trgmSchema() {
        Optional<String> s = trgmSchema;
        if (s == null) {
            s = tx.system("search: is pg_trgm installed (catalog only)", (JdbcClient j) -> j.sql("""
                    SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                     WHERE e.extname = 'pg_trgm'
                    """).query(String.class).optional());
            trgmSchema = s;
        }
        return s;
    }
}

package io.revtops.search;

import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.search.query.Candidate;
import io.revtops.search.query.DocKey;
import io.revtops.search.query.Fusion;
import io.revtops.search.query.Fusion.Fused;
import io.revtops.search.query.SearchRepository;
import io.revtops.search.query.SearchRepository.Details;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Hybrid search: keyword candidates (PostgreSQL full text), vector candidates (nearest chunks of the active
 * embedding model) and, for short texts, name candidates (trigram similarity of titles), fused by reciprocal rank
 * ({@link Fusion}), with filters, paging and citations. Everything runs in one {@link TenantTx} transaction as the
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
    /** The smallest HNSW search list (pgvector's hnsw.ef_search; its default, 40, gave recall@10 0.61 at 1 M). */
    static final int EF_SEARCH = 400;

    private final TenantTx tx;
    private final QueryEmbedder queryEmbedder;
    private final VectorSupport vectors;
    private final SearchRepository repository;
    private final Clock clock;
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
        // the query vector is computed before the transaction: no connection is held during inference
        Object queryVector = useVector ? vectors.parameter(queryEmbedder.embedQuery(q.text())) : null;
        String storedType = useVector ? vectors.storedType(queryEmbedder.dimensions()) : null;
        Optional<String> trgm = useKeyword && q.text().split("\\s+").length <= NAME_MAX_WORDS ? trgmSchema() : Optional.empty();
        SearchResults results = tx.run(tenant, j -> {
            List<Candidate> keyword = useKeyword ? repository.keyword(j, q, depth) : List.of();
            // a sentence rarely matches with every word: documents sharing some of its words are weaker candidates
            List<Candidate> anyWord = useKeyword && keyword.size() < ANY_WORD_BELOW
                    && q.text().split("\\s+").length >= ANY_WORD_MIN_WORDS ? repository.anyWord(j, q, depth) : List.of();
            // trigram similarity of titles only helps when no document has the words: a misspelt name
            List<Candidate> names = keyword.isEmpty() ? trgm.map(s -> repository.names(j, q, s, depth)).orElse(List.of())
                    : List.of();
            List<Candidate> vector = List.of();
            if (useVector) {
                int nearest = Math.min(1_000, q.filtered() ? depth * 4 : depth);
                if (vectors.mode() == VectorSupport.Mode.PGVECTOR) {
                    // the HNSW search list: at least the candidates asked for, and at least EF_SEARCH, where recall@10
                    // was 0.92 against 0.78 at 100 on 1 M synthetic chunks for 2 ms more (bench/RESULTS.md)
                    j.sql("SET LOCAL hnsw.ef_search = " + Math.min(1_000, Math.max(EF_SEARCH, nearest))).update();
                }
                vector = repository.vector(j, q, queryVector, storedType, queryEmbedder.model(), queryEmbedder.dimensions(),
                        nearest, depth);
            }
            List<Fused> fused = Fusion.fuse(keyword, vector, anyWord, names, q.recency(), clock.instant());
            List<Fused> page = fused.subList(Math.min(q.offset(), fused.size()), Math.min(q.offset() + q.limit(), fused.size()));
            Map<DocKey, Details> details = repository.details(j, q.text(), page.stream().map(Fused::key).toList());
            List<SearchHit> hits = new ArrayList<>(page.size());
            for (Fused f : page) {
                Details d = details.get(f.key());
                if (d != null) hits.add(hit(f, d));
            }
            return new SearchResults(hits, fused.size());
        });
        log.debug("event=search org_id={} mode={} results={} total={} ms={}", tenant.orgId(), q.mode(), results.results().size(),
                results.total(), (System.nanoTime() - t0) / 1_000_000);
        return results;
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

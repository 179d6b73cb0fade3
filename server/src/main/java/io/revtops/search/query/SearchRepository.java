package io.revtops.search.query;

import io.revtops.search.SearchQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of search, over the {@code search_documents} view, always inside the caller's tenant transaction so that
 * row-level security decides what is visible. The search text is only ever a bound parameter handed to
 * {@code websearch_to_tsquery} (which accepts any input) or to pg_trgm; filters are fixed fragments with bound
 * values.
 */
@Repository
public class SearchRepository {
    /** Both configurations, OR-ed: stems (english) and exact words, names, codes (simple). */
    private static final String TSQUERY = "(websearch_to_tsquery('english', :text) || websearch_to_tsquery('simple', :text))";
    private static final String HEADLINE_OPTIONS =
            "StartSel=«, StopSel=», MaxWords=32, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"";

    /**
     * At most this many matching rows are ranked: a text made of very common words matches most of the corpus, and
     * ranking every match would cost seconds at a million rows. For such texts the ranked rows are an arbitrary
     * subset of the matches, which is acceptable: their keyword evidence is weak and the vector list carries them.
     */
    static final int RANK_CAP = 1_000;

    /**
     * The match runs in {@code revtops_search_keyword} (V22), which can use the GIN indexes under row-level security
     * and restricts itself to what the caller may see; every candidate is then checked again against
     * {@code search_documents} under the caller's own policies.
     */
    private static final String CANDIDATES = """
            SELECT c.source_table, c.id, c.doc_date, c.rank
              FROM revtops_search_keyword(%s, :k, %d, CAST(:types AS text[]), CAST(:from AS timestamptz),
                                          CAST(:to AS timestamptz), CAST(:account AS uuid), CAST(:deal AS uuid),
                                          CAST(:owner AS uuid), CAST(:source AS text)) AS c
             WHERE EXISTS (SELECT 1 FROM search_documents d WHERE d.source_table = c.source_table AND d.id = c.id OFFSET 0)
             ORDER BY c.rank DESC, c.doc_date DESC NULLS LAST, c.id
            """;

    /**
     * Lets the transaction's search statements reuse their plans. Each of them reads {@code search_documents}, six
     * tables with their policies, and planning that took 8–17 ms per statement at 1 M rows, more than running it
     * (bench/RESULTS.md); none of their plans depends on the values searched (the keyword match, whose plan does,
     * is planned per call inside {@code revtops_search_keyword}, V61). With the driver's server-side prepared
     * statements a connection plans each statement once.
     */
    public void reusePlans(JdbcClient j) {
        j.sql("SET LOCAL plan_cache_mode = force_generic_plan").update();
    }

    /** Keyword candidates: documents with every word of the text, ranked by ts_rank_cd (cover density, title weighted A). */
    public List<Candidate> keyword(JdbcClient j, SearchQuery q, int k) {
        return candidates(j, q, TSQUERY, k);
    }

    /**
     * Keyword candidates for natural-language texts that match nothing as a whole: any of the words (stems) instead of
     * all, ranked by cover density, so documents sharing the most (and closest) words come first. The OR query is
     * derived from PostgreSQL's own parse of the text ({@code plainto_tsquery}'s output, whose lexemes are quoted),
     * never from the raw text; phrases inside it (hyphenated words) stay phrases.
     */
    public List<Candidate> anyWord(JdbcClient j, SearchQuery q, int k) {
        return candidates(j, q, "CAST(replace(CAST(plainto_tsquery('english', :text) AS text), ' & ', ' | ') AS tsquery)", k);
    }

    private List<Candidate> candidates(JdbcClient j, SearchQuery q, String tsquery, int k) {
        String sql = CANDIDATES.formatted(tsquery, RANK_CAP);
        return j.sql(sql).param("text", q.text()).param("k", k)
                .param("types", q.types().isEmpty() ? null : q.types().toArray(String[]::new))
                .param("from", q.from().map(t -> OffsetDateTime.ofInstant(t, ZoneOffset.UTC)).orElse(null))
                .param("to", q.to().map(t -> OffsetDateTime.ofInstant(t, ZoneOffset.UTC)).orElse(null))
                .param("account", q.accountId().orElse(null))
                .param("deal", q.dealId().orElse(null))
                .param("owner", q.ownerId().orElse(null))
                .param("source", q.source().orElse(null))
                .query((rs, n) -> new Candidate(key(rs), rs.getDouble("rank"), date(rs), Optional.empty())).list();
    }

    /**
     * Vector candidates: the {@code n} nearest chunks of the active model (HNSW with pgvector, through the index's own
     * expression {@code embedding::vector(D)} and predicate {@code dimensions = D}; an exact scan in portable mode),
     * then their documents with the filters; one candidate per document, its nearest chunk.
     */
    public List<Candidate> vector(JdbcClient j, SearchQuery q, Object queryVector, String storedType, String model,
                                  int dimensions, int n, int k) {
        String distance = storedType.equals("real[]") ? "e.embedding <=> CAST(:qv AS real[])"
                : "CAST(e.embedding AS " + storedType + ") <=> CAST(:qv AS " + storedType + ")";
        String sql = "WITH cand AS MATERIALIZED (\n"
                + "  SELECT e.source_table, e.source_id, e.chunk_text, " + distance + " AS distance\n"
                + "    FROM embeddings e\n"
                + "   WHERE e.model = :model AND e.dimensions = " + dimensions + "\n"
                + "   ORDER BY " + distance + "\n"
                + "   LIMIT " + n + ")\n" // a literal: a plan reused for any query vector still knows how many
                + "SELECT d.source_table, d.id, d.doc_date, c.distance, c.chunk_text\n"
                + "  FROM cand c JOIN search_documents d ON d.source_table = c.source_table AND d.id = c.source_id\n"
                + " WHERE true" + filters(q) + "\n"
                + " ORDER BY c.distance, d.source_table, d.id";
        List<Candidate> rows = bind(j.sql(sql), q).param("qv", queryVector).param("model", model)
                .query((rs, i) -> new Candidate(key(rs), rs.getDouble("distance"), date(rs),
                        Optional.ofNullable(rs.getString("chunk_text"))))
                .list();
        // nearest chunk per document, in distance order
        Map<DocKey, Boolean> seen = new HashMap<>();
        return rows.stream().filter(c -> seen.putIfAbsent(c.key(), true) == null).limit(k).toList();
    }

    /** Name candidates: titles that contain a close match of the (short) text, with pg_trgm's word similarity. */
    public List<Candidate> names(JdbcClient j, SearchQuery q, String trgmSchema, int k) {
        String s = "\"" + trgmSchema.replace("\"", "\"\"") + "\"";
        String sql = "SELECT d.source_table, d.id, d.doc_date, " + s + ".word_similarity(:text, d.title) AS sim\n"
                + "  FROM search_documents d\n"
                + " WHERE :text OPERATOR(" + s + ".<%) d.title" + filters(q) + "\n"
                + " ORDER BY sim DESC, d.doc_date DESC NULLS LAST, d.id\n"
                + " LIMIT :k";
        return bind(j.sql(sql), q).param("text", q.text()).param("k", k)
                .query((rs, n) -> new Candidate(key(rs), rs.getDouble("sim"), date(rs), Optional.empty())).list();
    }

    /** What a result shows: type, title, date, links and a snippet with the matched words marked «like this». */
    public record Details(DocKey key, String docType, Optional<String> title, Optional<Instant> date, Optional<String> url,
                          Optional<String> sourceSystem, Optional<String> headline, Optional<String> opening) {}

    public Map<DocKey, Details> details(JdbcClient j, String text, List<DocKey> keys) {
        Map<DocKey, Details> out = new HashMap<>();
        if (keys.isEmpty()) return out;
        String sql = "SELECT d.source_table, d.id, d.doc_type, d.title, d.doc_date, d.url, d.source_system,\n"
                + "       CASE WHEN d.search_vector @@ " + TSQUERY + "\n"
                + "            THEN ts_headline('english', translate(left(coalesce(d.body, ''), 20000), '«»', '\"\"'), "
                + TSQUERY + ", :options) END AS headline,\n"
                + "       left(d.body, 400) AS opening\n"
                + "  FROM search_documents d\n"
                + "  JOIN unnest(CAST(:tables AS text[]), CAST(:ids AS uuid[])) AS k (t, id)\n"
                + "    ON d.source_table = k.t AND d.id = k.id";
        j.sql(sql).param("text", text).param("options", HEADLINE_OPTIONS)
                .param("tables", keys.stream().map(DocKey::sourceTable).toArray(String[]::new))
                .param("ids", keys.stream().map(k -> k.id().toString()).toArray(String[]::new))
                .query((rs, n) -> out.put(key(rs), new Details(key(rs), rs.getString("doc_type"),
                        Optional.ofNullable(rs.getString("title")), date(rs), Optional.ofNullable(rs.getString("url")),
                        Optional.ofNullable(rs.getString("source_system")), Optional.ofNullable(rs.getString("headline")),
                        Optional.ofNullable(rs.getString("opening")))))
                .list();
        return out;
    }

    private static String filters(SearchQuery q) {
        StringBuilder f = new StringBuilder();
        if (!q.types().isEmpty()) f.append(" AND d.doc_type = ANY (CAST(:types AS text[]))");
        if (q.from().isPresent()) f.append(" AND d.doc_date >= :from");
        if (q.to().isPresent()) f.append(" AND d.doc_date <= :to");
        if (q.accountId().isPresent()) f.append(" AND d.account_id = :account");
        if (q.dealId().isPresent()) f.append(" AND d.deal_id = :deal");
        if (q.ownerId().isPresent()) f.append(" AND d.owner_id = :owner");
        if (q.source().isPresent()) f.append(" AND d.source_system = :source");
        return f.toString();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, SearchQuery q) {
        if (!q.types().isEmpty()) spec = spec.param("types", q.types().toArray(String[]::new));
        if (q.from().isPresent()) spec = spec.param("from", OffsetDateTime.ofInstant(q.from().get(), ZoneOffset.UTC));
        if (q.to().isPresent()) spec = spec.param("to", OffsetDateTime.ofInstant(q.to().get(), ZoneOffset.UTC));
        if (q.accountId().isPresent()) spec = spec.param("account", q.accountId().get());
        if (q.dealId().isPresent()) spec = spec.param("deal", q.dealId().get());
        if (q.ownerId().isPresent()) spec = spec.param("owner", q.ownerId().get());
        if (q.source().isPresent()) spec = spec.param("source", q.source().get());
        return spec;
    }

    private static DocKey key(ResultSet rs) throws SQLException {
        return new DocKey(rs.getString("source_table"), rs.getObject("id", UUID.class));
    }

    private static Optional<Instant> date(ResultSet rs) throws SQLException {
        Timestamp t = rs.getTimestamp("doc_date");
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }
}

package io.revtops.bench.search;

import io.revtops.Revtops;
import io.revtops.platform.db.Tenant;
import io.revtops.search.EmbeddingIndexer;
import io.revtops.search.QueryEmbedder;
import io.revtops.search.SearchQuery;
import io.revtops.search.SearchResults;
import io.revtops.search.SearchService;
import io.revtops.search.embedding.MiniLmEmbedder;
import io.revtops.simulators.demo.DemoCompany;
import java.io.StringReader;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hybrid search at scale on PostgreSQL with pgvector (issue 5 budgets): N synthetic activities with one 384-d chunk
 * each (text drawn from the demo company's vocabulary, vectors in 1 000 clusters), the HNSW index built after the
 * load (timed), then through the real server in this JVM: hybrid search p50/p95 (query embedding included, reported
 * apart), recall@10 of the vector part against exact search on 200 query vectors, and freshness (an email inserted
 * into the running system: searchable by keyword at once, by meaning after the background indexer ran).
 *
 * <p>Usage: SearchBench &lt;postgres://user:pass@host:port&gt; [rows=1000000] [queries=200]. The database
 * {@code revtops_bench_search_<rows>} is created and loaded once and reused by later runs. Writes
 * bench/results/search.json.
 */
public final class SearchBench {
    static final int DIMS = 384;
    static final int CLUSTERS = 1_000;
    static final double NOISE = 0.05;
    static final long SEED = 20_260_115L;

    public static void main(String[] args) throws Exception {
        String server = args[0].replaceAll("/+$", "");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        // -Dbench.vectors=manifold: the low-dimensional cluster model (Manifold) instead of isotropic noise, in its own
        // database
        boolean manifold = "manifold".equals(System.getProperty("bench.vectors", "isotropic"));
        VectorModel model = manifold ? Manifold.standard() : isotropic(centroids());
        String dbName = "revtops_bench_search_" + rows + (manifold ? "_manifold" : "");
        String jdbcServer = "jdbc:postgresql://" + server.substring(server.indexOf('@') + 1);
        String user = server.substring("postgres://".length(), server.indexOf(':', "postgres://".length()));
        String password = server.substring(server.indexOf(':', "postgres://".length()) + 1, server.indexOf('@'));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", BenchOut.machine());
        results.put("rows", rows);
        results.put("vectors", manifold ? Manifold.standard().describe()
                : CLUSTERS + " clusters: unit centroid + isotropic Gaussian noise " + NOISE + " per component, normalized");

        try (Connection admin = DriverManager.getConnection(jdbcServer + "/postgres", user, password)) {
            ResultSet rs = admin.createStatement().executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + dbName + "'");
            if (!rs.next()) admin.createStatement().execute("CREATE DATABASE " + dbName);
        }
        String jdbc = jdbcServer + "/" + dbName;
        var ds = new org.springframework.jdbc.datasource.DriverManagerDataSource(jdbc, user, password);
        Flyway flyway = Flyway.configure().dataSource(ds).placeholders(Map.of("vector_mode", "auto")).load();
        flyway.repair(); // a database loaded by an earlier build of the migrations is reused, not rebuilt
        flyway.migrate();
        JdbcClient owner = JdbcClient.create(ds);
        results.put("pgvector", owner.sql("SELECT extversion FROM pg_extension WHERE extname = 'vector'").query(String.class).single());
        results.put("postgres", owner.sql("SHOW server_version").query(String.class).single());

        UUID org;
        UUID userId;
        long existing = owner.sql("SELECT count(*) FROM embeddings").query(Long.class).single();
        if (existing < rows) {
            owner.sql("TRUNCATE embeddings, embedding_queue").update();
            owner.sql("DELETE FROM organizations").update();
            org = owner.sql("INSERT INTO organizations (name, handle) VALUES ('Bench', 'bench') RETURNING id").query(UUID.class).single();
            userId = owner.sql("INSERT INTO users (email, name) VALUES ('bench@bench.test', 'Bench') RETURNING id").query(UUID.class).single();
            owner.sql("INSERT INTO org_members (organization_id, user_id, role, status) VALUES (:o, :u, 'admin', 'active')")
                    .param("o", org).param("u", userId).update();
            results.put("load_s", load(jdbc, user, password, org, rows, model));
        } else {
            org = owner.sql("SELECT id FROM organizations WHERE handle = 'bench'").query(UUID.class).single();
            userId = owner.sql("SELECT id FROM users WHERE email = 'bench@bench.test'").query(UUID.class).single();
        }
        boolean indexed = owner.sql("SELECT count(*) FROM pg_indexes WHERE indexname = 'embeddings_hnsw_384'").query(Long.class).single() > 0
                && owner.sql("SELECT coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = 'embeddings_hnsw_384'::regclass), false)")
                        .query(Boolean.class).single();
        if (!indexed) results.put("hnsw_build_s", buildIndex(jdbc, user, password));
        results.put("hnsw_options", owner.sql("SELECT array_to_string(reloptions, ', ') FROM pg_class WHERE relname = 'embeddings_hnsw_384'")
                .query(String.class).single());
        results.put("hnsw_index_mb", owner.sql("SELECT pg_relation_size('embeddings_hnsw_384') / 1048576").query(Long.class).single());
        results.put("embeddings_table_mb", owner.sql("SELECT pg_total_relation_size('embeddings') / 1048576").query(Long.class).single());

        if (Boolean.parseBoolean(System.getProperty("bench.recall", "true"))) { // -Dbench.recall=false: latency only
            results.put("vector_recall_at_10", recall(jdbc, user, password, model, rows, queries));
            System.out.println("recall: " + results.get("vector_recall_at_10"));
        }

        ConfigurableApplicationContext app = new SpringApplicationBuilder(Revtops.class).run(
                "--revtops.database-url=" + server + "/" + dbName, "--revtops.roles=api,worker", "--server.port=0",
                "--revtops.data-dir=" + Files.createTempDirectory("revtops-bench"), "--logging.level.root=WARN",
                "--logging.level.io.revtops.search=INFO",
                // -Dbench.steps=true: one debug line per search with the time of its keyword side, vector side
                // (with the query embedding) and details
                "--logging.level.io.revtops.search.SearchService=" + (Boolean.getBoolean("bench.steps") ? "DEBUG" : "INFO"));
        try {
            SearchService search = app.getBean(SearchService.class);
            QueryEmbedder embed = app.getBean(QueryEmbedder.class);
            Tenant tenant = Tenant.of(org, userId);
            List<String> vocabulary = vocabulary();
            SplittableRandom r = new SplittableRandom(SEED + 1);
            Set<String> texts = new LinkedHashSet<>();
            while (texts.size() < queries + 30) {
                int words = 1 + r.nextInt(4);
                StringBuilder sb = new StringBuilder();
                for (int w = 0; w < words; w++) sb.append(w == 0 ? "" : " ").append(vocabulary.get(zipf(r, vocabulary.size())));
                texts.add(sb.toString());
            }
            List<String> all = new ArrayList<>(texts);
            for (String t : all.subList(0, 30)) search.search(tenant, SearchQuery.of(t)); // warm up
            List<Long> embedNanos = new ArrayList<>();
            List<Long> hybridNanos = new ArrayList<>();
            List<Long> keywordNanos = new ArrayList<>();
            List<Long> vectorNanos = new ArrayList<>();
            long found = 0;
            // the three searches of a text in a rotating order, so that none always runs with the pages another just
            // read in cache (the first runs measured keyword-only right after hybrid on the same text)
            int i = 0;
            for (String t : all.subList(30, all.size())) {
                long t0 = System.nanoTime();
                embed.embedQuery(t + " ·"); // a text of the same length the cache has not seen: inference alone
                embedNanos.add(System.nanoTime() - t0);
                for (int step = 0; step < 3; step++) {
                    switch ((i + step) % 3) {
                        case 0 -> {
                            t0 = System.nanoTime();
                            SearchResults res = search.search(tenant, SearchQuery.of(t));
                            hybridNanos.add(System.nanoTime() - t0);
                            found += res.results().size();
                        }
                        case 1 -> {
                            t0 = System.nanoTime();
                            search.search(tenant, SearchQuery.builder(t).mode(SearchQuery.Mode.KEYWORD).build());
                            keywordNanos.add(System.nanoTime() - t0);
                        }
                        default -> {
                            t0 = System.nanoTime();
                            // the query vector is cached once the hybrid search of this text ran
                            search.search(tenant, SearchQuery.builder(t).mode(SearchQuery.Mode.VECTOR).build());
                            vectorNanos.add(System.nanoTime() - t0);
                        }
                    }
                }
                i++;
            }
            results.put("hybrid_latency", BenchOut.percentiles(hybridNanos));
            results.put("query_embedding_latency", BenchOut.percentiles(embedNanos));
            results.put("keyword_only_latency", BenchOut.percentiles(keywordNanos));
            results.put("vector_only_latency", BenchOut.percentiles(vectorNanos));
            results.put("mean_results_per_query", Math.round(found * 10.0 / queries) / 10.0);
            System.out.println("hybrid: " + results.get("hybrid_latency"));
            System.out.println("query embedding: " + results.get("query_embedding_latency"));
            System.out.println("keyword only: " + results.get("keyword_only_latency"));
            System.out.println("vector only: " + results.get("vector_only_latency"));

            results.put("freshness", freshness(owner, search, tenant, org, app.getBean(EmbeddingIndexer.class)));
            System.out.println("freshness: " + results.get("freshness"));
        } finally {
            app.close();
        }
        BenchOut.write("search.json", results);
        System.exit(0);
    }

    /** An email inserted as a sync would: time until keyword search and search by meaning return it. */
    static Map<String, Object> freshness(JdbcClient owner, SearchService search, Tenant tenant, UUID org, EmbeddingIndexer indexer)
            throws InterruptedException {
        String marker = "quokkafresh" + Long.toString(System.nanoTime(), 36);
        long t0 = System.nanoTime();
        UUID id = owner.sql("""
                INSERT INTO activities (organization_id, source_system, source_id, type, subject, description, activity_date)
                VALUES (:o, 'gmail', :s, 'email', :subject, :body, now()) RETURNING id
                """).param("o", org).param("s", marker).param("subject", "Renewal blocked by " + marker)
                .param("body", "The customer " + marker + " says the renewal is blocked until the security review of the "
                        + "single sign-on integration is finished.").query(UUID.class).single();
        double keywordMs = -1;
        while (keywordMs < 0) {
            if (search.search(tenant, SearchQuery.builder(marker).mode(SearchQuery.Mode.KEYWORD).build()).results().stream()
                    .anyMatch(h -> h.id().equals(id))) keywordMs = (System.nanoTime() - t0) / 1e6;
        }
        // by meaning: once the background indexer has stored its chunk (HNSW indexes rows as they are inserted); checked
        // with an exact nearest-neighbour query, because this real MiniLM vector is an outlier among the synthetic ones
        double meaningS = -1;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (meaningS < 0 && System.nanoTime() < deadline) {
            if (owner.sql("SELECT count(*) FROM embeddings WHERE source_id = :id").param("id", id).query(Long.class).single() > 0) {
                meaningS = (System.nanoTime() - t0) / 1e9;
            } else {
                Thread.sleep(50);
            }
        }
        UUID nearest = owner.sql("""
                SELECT e.source_id FROM embeddings e, embeddings q
                 WHERE q.source_id = :id AND e.dimensions = 384 ORDER BY e.embedding <=> q.embedding LIMIT 1
                """).param("id", id).query(UUID.class).single();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keyword_searchable_after_ms", Math.round(keywordMs * 10) / 10.0);
        m.put("meaning_searchable_after_s", Math.round(meaningS * 10) / 10.0);
        m.put("nearest_to_itself", nearest.equals(id));
        m.put("background_poll", "revtops.search.poll-every (default 10s); after a sync the job runs at once");
        return m;
    }

    static float[][] centroids() {
        Random r = new Random(SEED);
        float[][] c = new float[CLUSTERS][DIMS];
        for (float[] v : c) {
            for (int d = 0; d < DIMS; d++) v[d] = (float) r.nextGaussian();
            normalize(v);
        }
        return c;
    }

    /** Row i's vector, deterministic per (seed, row). */
    interface VectorModel {
        float[] vector(long seed, int i);
    }

    static VectorModel isotropic(float[][] centroids) {
        return (seed, i) -> vector(centroids, seed, i);
    }

    /** Row i's vector: its cluster's centroid plus noise, normalized (deterministic per row). */
    static float[] vector(float[][] centroids, long seed, int i) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
        float[] c = centroids[r.nextInt(CLUSTERS)];
        float[] v = new float[DIMS];
        for (int d = 0; d < DIMS; d++) v[d] = (float) (c[d] + NOISE * gaussian(r));
        normalize(v);
        return v;
    }

    /**
     * The alternative vector model (-Dbench.vectors=manifold): each of the 1 000 clusters is a centroid plus a few
     * random directions with decaying spread (a low-dimensional patch, as real sentence embeddings are), plus a little
     * isotropic noise. VectorStructureBench compares its local intrinsic dimensionality and relative contrast with
     * real MiniLM embeddings of the demo company's texts; the parameters are chosen so that it is at least as hard.
     */
    record Manifold(int dims, double spread, double noise, float[][] centroids, float[][][] directions) implements VectorModel {
        static Manifold standard() {
            return of(Integer.getInteger("bench.manifold.dims", 16),
                    Double.parseDouble(System.getProperty("bench.manifold.spread", "0.5")),
                    Double.parseDouble(System.getProperty("bench.manifold.noise", "0.01")));
        }

        static Manifold of(int dims, double spread, double noise) {
            Random r = new Random(SEED + 7);
            float[][] c = SearchBench.centroids();
            float[][][] dirs = new float[CLUSTERS][dims][DIMS];
            for (float[][] cluster : dirs) {
                for (float[] d : cluster) {
                    for (int x = 0; x < DIMS; x++) d[x] = (float) r.nextGaussian();
                    normalize(d);
                }
            }
            return new Manifold(dims, spread, noise, c, dirs);
        }

        @Override
        public float[] vector(long seed, int i) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
            int k = r.nextInt(CLUSTERS);
            float[] v = centroids[k].clone();
            for (int j = 0; j < dims; j++) {
                double z = gaussian(r) * spread / Math.sqrt(j + 1);
                float[] d = directions[k][j];
                for (int x = 0; x < DIMS; x++) v[x] += (float) (z * d[x]);
            }
            for (int x = 0; x < DIMS; x++) v[x] += (float) (noise * gaussian(r));
            normalize(v);
            return v;
        }

        String describe() {
            return CLUSTERS + " clusters: centroid + " + dims + " random directions with spread " + spread
                    + "/sqrt(j+1) + isotropic noise " + noise + " per component, normalized";
        }
    }

    static double gaussian(SplittableRandom r) {
        // Box-Muller; SplittableRandom has no nextGaussian
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static void normalize(float[] v) {
        double n = 0;
        for (float x : v) n += x * x;
        n = Math.sqrt(n);
        for (int d = 0; d < v.length; d++) v[d] /= (float) n;
    }

    static List<String> vocabulary() {
        DemoCompany c = DemoCompany.generate(7, 0.05);
        Map<String, Integer> counts = new LinkedHashMap<>();
        c.emails().forEach(e -> count(counts, e.subject() + " " + e.body()));
        c.meetings().forEach(m -> count(counts, m.summary() + " " + m.transcript()));
        c.notes().forEach(n -> count(counts, n.body()));
        List<String> words = new ArrayList<>(counts.keySet());
        words.sort((a, b) -> counts.get(b) - counts.get(a));
        return words;
    }

    static void count(Map<String, Integer> counts, String text) {
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (w.length() > 2) counts.merge(w, 1, Integer::sum);
        }
    }

    /** A Zipf-like pick: frequent words often, rare words sometimes. */
    static int zipf(SplittableRandom r, int n) {
        return (int) Math.min(n - 1, Math.floor(Math.pow(n, r.nextDouble())) - 1);
    }

    static double load(String jdbc, String user, String password, UUID org, int rows, VectorModel model) throws Exception {
        List<String> vocabulary = vocabulary();
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbc, user, password)) {
            c.createStatement().execute("ALTER TABLE activities DISABLE TRIGGER USER");
            c.createStatement().execute("DROP INDEX IF EXISTS embeddings_hnsw_384");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            int batch = 50_000;
            for (int from = 0; from < rows; from += batch) {
                int to = Math.min(rows, from + batch);
                StringBuilder acts = new StringBuilder();
                StringBuilder embs = new StringBuilder();
                for (int i = from; i < to; i++) {
                    SplittableRandom r = new SplittableRandom(SEED * 31 + i);
                    UUID id = new UUID(SEED, i);
                    String subject = words(r, vocabulary, 3 + r.nextInt(4));
                    String body = words(r, vocabulary, 25 + r.nextInt(40));
                    String date = Instant.parse("2026-01-15T00:00:00Z").minusSeconds(r.nextLong(365L * 86_400)).toString();
                    acts.append(id).append('\t').append(org).append("\tbench\t").append(i).append("\temail\t").append(subject)
                            .append('\t').append(body).append('\t').append(date).append('\n');
                    float[] v = model.vector(SEED, i);
                    embs.append(org).append("\tactivities\t").append(id).append("\t0\t").append(MiniLmEmbedder.MODEL)
                            .append("\t384\t").append("Email · ").append(subject).append("\t[");
                    for (int d = 0; d < DIMS; d++) {
                        if (d > 0) embs.append(',');
                        embs.append(String.format(Locale.ROOT, "%.5f", v[d]));
                    }
                    embs.append("]\n");
                }
                copy.copyIn("COPY activities (id, organization_id, source_system, source_id, type, subject, description, activity_date)"
                        + " FROM STDIN", new StringReader(acts.toString()));
                copy.copyIn("COPY embeddings (organization_id, source_table, source_id, chunk_index, model, dimensions, chunk_text,"
                        + " embedding) FROM STDIN", new StringReader(embs.toString()));
                System.out.printf("loaded %d/%d (%.0f s)%n", to, rows, (System.nanoTime() - t0) / 1e9);
            }
            c.createStatement().execute("ALTER TABLE activities ENABLE TRIGGER USER");
            c.createStatement().execute("VACUUM ANALYZE activities");
            c.createStatement().execute("VACUUM ANALYZE embeddings");
        }
        return Math.round((System.nanoTime() - t0) / 1e8) / 10.0;
    }

    static String words(SplittableRandom r, List<String> vocabulary, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : " ").append(vocabulary.get(zipf(r, vocabulary.size())));
        return sb.toString();
    }

    /** CREATE INDEX as the migrations define it, after the load (building is much faster than inserting into the graph). */
    static double buildIndex(String jdbc, String user, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, user, password); Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '8GB'");
            s.execute("SET max_parallel_maintenance_workers = " + Math.max(0, Runtime.getRuntime().availableProcessors() - 1));
            long t0 = System.nanoTime();
            s.execute("CREATE INDEX embeddings_hnsw_384 ON embeddings USING hnsw ((embedding::vector(384)) vector_cosine_ops)"
                    + " WITH (m = 24, ef_construction = 128) WHERE dimensions = 384"); // as V62
            double seconds = Math.round((System.nanoTime() - t0) / 1e8) / 10.0;
            System.out.println("HNSW build: " + seconds + " s");
            return seconds;
        }
    }

    /**
     * recall@10 of the HNSW search (the SQL and ef_search the search service uses) against exact nearest neighbours,
     * computed here in one pass over the generated vectors.
     */
    static Map<String, Object> recall(String jdbc, String user, String password, VectorModel model, int rows, int queries)
            throws Exception {
        float[][] q = new float[queries][];
        for (int i = 0; i < queries; i++) q[i] = model.vector(SEED + 99, i);
        @SuppressWarnings("unchecked")
        PriorityQueue<double[]>[] best = new PriorityQueue[queries];
        for (int i = 0; i < queries; i++) best[i] = new PriorityQueue<>((a, b) -> Double.compare(b[0], a[0]));
        long t0 = System.nanoTime();
        int threads = Runtime.getRuntime().availableProcessors();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int part = t;
            parts.add(pool.submit(() -> {
                for (int i = part; i < rows; i += threads) {
                    float[] v = model.vector(SEED, i);
                    for (int k = 0; k < queries; k++) {
                        double dot = 0;
                        float[] qk = q[k];
                        for (int d = 0; d < DIMS; d++) dot += v[d] * qk[d];
                        double dist = 1 - dot;
                        PriorityQueue<double[]> h = best[k];
                        synchronized (h) {
                            if (h.size() < 10) h.add(new double[] {dist, i});
                            else if (dist < h.peek()[0]) {
                                h.poll();
                                h.add(new double[] {dist, i});
                            }
                        }
                    }
                }
                return null;
            }));
        }
        for (var f : parts) f.get();
        pool.shutdown();
        System.out.printf("exact neighbours of %d queries in %.0f s%n", queries, (System.nanoTime() - t0) / 1e9);
        Map<String, Object> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbc, user, password)) {
            c.setAutoCommit(false);
            for (int ef : new int[] {40, 100, 200, 400, 800}) {
                c.createStatement().execute("SET hnsw.ef_search = " + ef);
                double sum = 0;
                List<Long> nanos = new ArrayList<>();
                for (int k = 0; k < queries; k++) {
                    Set<Long> exact = new java.util.HashSet<>();
                    for (double[] e : best[k]) exact.add((long) e[1]);
                    var ps = c.prepareStatement("SELECT source_id FROM embeddings WHERE model = ? AND dimensions = 384"
                            + " ORDER BY embedding::vector(384) <=> CAST(? AS vector(384)) LIMIT 10");
                    ps.setString(1, MiniLmEmbedder.MODEL);
                    ps.setObject(2, new com.pgvector.PGvector(q[k]));
                    long s0 = System.nanoTime();
                    ResultSet rs = ps.executeQuery();
                    int hit = 0;
                    while (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        if (exact.contains(id.getLeastSignificantBits())) hit++;
                    }
                    nanos.add(System.nanoTime() - s0);
                    sum += hit / 10.0;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("recall_at_10", Math.round(sum / queries * 1000) / 1000.0);
                m.put("latency", BenchOut.percentiles(nanos));
                out.put("ef_search_" + ef, m);
            }
            var plan = c.prepareStatement("EXPLAIN SELECT source_id FROM embeddings WHERE model = ? AND dimensions = 384"
                    + " ORDER BY embedding::vector(384) <=> CAST(? AS vector(384)) LIMIT 10");
            plan.setString(1, MiniLmEmbedder.MODEL);
            plan.setObject(2, new com.pgvector.PGvector(q[0]));
            ResultSet rs = plan.executeQuery();
            StringBuilder p = new StringBuilder();
            while (rs.next()) p.append(rs.getString(1).strip()).append(" / ");
            out.put("plan", p.toString());
            c.rollback();
        }
        return out;
    }

}

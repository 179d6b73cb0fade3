package io.revtops.bench;

import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.SyncedTable;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.sync.RecordWriter;
import io.revtops.sync.SyncTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 3's write-path budget: the record writer ({@link RecordWriter#write}: coercion, content hash, link and owner
 * resolution, {@code INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE … WHERE content_hash IS DISTINCT FROM},
 * one tenant transaction per page under row-level security, as the sync engine calls it) against a plain
 * {@code COPY … FROM STDIN} of the very same rows into empty copies of the same tables, in the same run.
 *
 * <p>The rows COPY loads are the writer's own output (exported with {@code COPY (SELECT …) TO STDOUT} and held in
 * memory), minus the columns the database fills itself (id, created_at, updated_at, generated columns): same values,
 * same link ids, same hashes. COPY targets:
 * <ul>
 *   <li>{@code including_all} — {@code CREATE TABLE … (LIKE t INCLUDING ALL)}: same indexes (unique keys, GIN,
 *       trigram, expression indexes), defaults, NOT NULL and CHECK constraints, generated columns. The budget's
 *       baseline ("empty copies of the same tables").</li>
 *   <li>{@code including_all_and_fks} — the same plus the table's foreign keys (LIKE never copies those).</li>
 *   <li>{@code including_all_fks_and_triggers} — the same plus the table's own triggers (activities: the statement
 *       triggers that queue new rows for embedding): the most faithful copy of the real table.</li>
 *   <li>{@code heap_only} — {@code LIKE t INCLUDING DEFAULTS INCLUDING GENERATED}: no index, no constraint.</li>
 * </ul>
 * Diagnostics for recommendations (no server code changed): the writer's Java-side vs statement time (its own debug
 * line); the same writer with its statement rewritten to skip rows whose content hash is already stored before the
 * INSERT ({@code writer_prefilter}, by handing the writer a {@link JdbcClient} that rewrites the SQL text); the same
 * writer as the table owner, i.e. without row-level security ({@code writer_as_owner_no_rls}); a page-size sweep;
 * COPY in pages of the writer's size (one transaction each); and an upsert that keeps the writer's semantics but
 * loads through COPY (temp staging table, then {@code INSERT … SELECT … ON CONFLICT DO UPDATE … WHERE content_hash IS
 * DISTINCT FROM}; links already resolved).
 *
 * <p>Run: {@code bench/run.sh io.revtops.bench.WriteBench} (options {@code -Dbench.rounds=3 -Dbench.page=1000
 * -Dbench.contacts=20000 -Dbench.deals=8000 -Dbench.activities=30000}); writes {@code bench/results/write-path.json}
 * ({@code -Dbench.result=<name>} for another file name).
 */
public final class WriteBench {
    static final List<SyncedTable> MEASURED = List.of(SyncedTable.CONTACTS, SyncedTable.DEALS, SyncedTable.ACTIVITIES);
    static final int ACCOUNTS = 3_000;
    static final int OWNERS = 12;
    static final String[] STAGES = {"appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin",
            "contractsent", "closedwon", "closedlost"};

    final TenantTx tx;
    final RecordWriter writer;
    final JdbcClient owner;
    final DataSource dataSource;
    final BenchApp app;
    final WriteLog writeLog;
    final int page;

    WriteBench(BenchApp app, int page) {
        this.app = app;
        this.tx = app.bean(TenantTx.class);
        this.writer = app.bean(RecordWriter.class);
        this.owner = app.bean(JdbcClient.class);
        this.dataSource = app.bean(DataSource.class);
        this.writeLog = WriteLog.attach();
        this.page = page;
    }

    public static void main(String[] args) {
        int rounds = Integer.getInteger("bench.rounds", 3);
        int page = Integer.getInteger("bench.page", 1000);
        Map<SyncedTable, Integer> sizes = new LinkedHashMap<>();
        sizes.put(SyncedTable.CONTACTS, Integer.getInteger("bench.contacts", 20_000));
        sizes.put(SyncedTable.DEALS, Integer.getInteger("bench.deals", 8_000));
        sizes.put(SyncedTable.ACTIVITIES, Integer.getInteger("bench.activities", 30_000));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "write path vs COPY (issue 3)");
        out.put("machine_at_start", Machine.describe());
        int code = 0;
        try (BenchApp app = BenchApp.boot()) {
            out.put("database", app.databaseSettings());
            out.put("page_size", page);
            out.put("rows_per_round", sizes.entrySet().stream().collect(LinkedHashMap::new,
                    (m, e) -> m.put(e.getKey().tableName(), e.getValue()), Map::putAll));
            WriteBench b = new WriteBench(app, page);
            // warm-up (JIT, plan caches, the embedded server's buffers): a tenth of a round, not reported
            Map<SyncedTable, Integer> small = new LinkedHashMap<>();
            sizes.forEach((t, n) -> small.put(t, Math.max(page, n / 10)));
            b.round(small, 0);
            List<Map<String, Object>> all = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                Map<String, Object> round = b.round(sizes, r);
                all.add(round);
                System.err.println("round " + r + ": " + round.get("summary") + " (load " + Machine.loadAverage() + ")");
            }
            out.put("summary", summarize(all));
            out.put("page_size_sweep_contacts", b.sweep(Integer.getInteger("bench.sweepRows", 20_000),
                    new int[] {100, 500, 1000, 2000, 5000}));
            Map<SyncedTable, Integer> explainBase = new LinkedHashMap<>();
            sizes.forEach((t, n) -> explainBase.put(t, Math.min(n, 10_000)));
            out.put("explain_analyze_one_page", b.explain(explainBase));
            out.put("rounds", all);
        } catch (RuntimeException | SQLException e) {
            e.printStackTrace();
            out.put("error", e.toString());
            code = 1;
        }
        out.put("machine_at_end", Machine.describe());
        var file = Results.write(System.getProperty("bench.result", "write-path"), out);
        System.out.println("WRITE BENCH " + out.get("summary"));
        System.out.println("written " + file);
        System.exit(code);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A fresh organization with one integration; rows of earlier rounds stay in the tables (as in a shared database). */
    SyncTarget newTarget(String label) {
        UUID org = app.newOrganization(label).orgId();
        UUID integration = owner.sql("INSERT INTO integrations (organization_id, provider) VALUES (:o, 'bench') RETURNING id")
                .param("o", org).query(UUID.class).single();
        return new SyncTarget(org, integration, "bench", Optional.empty(), false);
    }

    /** What contacts, deals and activities link to: the pipeline with its stages and the accounts. Not measured. */
    void prerequisites(SyncTarget t) {
        write(t, SyncedTable.PIPELINES, List.of(SyncedRecord.of(SyncedTable.PIPELINES, "default").set("name", "Sales Pipeline")
                .set("display_order", 0).build()));
        List<SyncedRecord> stages = new ArrayList<>();
        for (int i = 0; i < STAGES.length; i++) {
            stages.add(SyncedRecord.of(SyncedTable.PIPELINE_STAGES, STAGES[i]).set("pipeline_source_id", "default")
                    .set("name", STAGES[i]).set("display_order", i).set("probability", new BigDecimal("0." + (i + 1)))
                    .set("is_closed_won", STAGES[i].equals("closedwon")).set("is_closed_lost", STAGES[i].equals("closedlost")).build());
        }
        write(t, SyncedTable.PIPELINE_STAGES, stages);
        List<SyncedRecord> accounts = new ArrayList<>();
        Random rnd = new Random(7);
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.add(SyncedRecord.of(SyncedTable.ACCOUNTS, "a" + i).set("name", "Account " + i + " Holdings")
                    .set("domain", "acct" + i + ".example").set("industry", "Software").set("employee_count", 10 + rnd.nextInt(5000))
                    .set("annual_revenue", BigDecimal.valueOf(rnd.nextInt(90_000_000))).set("owner_source_id", "o" + (i % OWNERS))
                    .custom("hs_object_source", "CRM_UI").build());
        }
        for (List<SyncedRecord> p : pages(accounts, page)) write(t, SyncedTable.ACCOUNTS, p);
        analyzeAfterLoad(SyncedTable.ACCOUNTS, ACCOUNTS);
    }

    /** What the sync engine does after a stream loaded a table that later streams link to (planner statistics). */
    void analyzeAfterLoad(SyncedTable table, long inserted) {
        tx.system("write-path benchmark: statistics after a load, as the sync engine", j -> writer.analyzeAfterLoad(j, table, inserted));
    }

    void write(SyncTarget t, SyncedTable table, List<SyncedRecord> records) {
        tx.execute(Tenant.org(t.orgId()), j -> writer.write(j, t, table, records));
    }

    /** How a variant runs the real writer: as the sync engine does, with a rewritten statement, or without RLS. */
    enum Mode { ENGINE, PREFILTER, OWNER }

    /**
     * One round: the writer as the engine runs it (first write, then the same pages unchanged), two diagnostic
     * variants of the same writer (fresh organizations), then every COPY variant of the rows the first one wrote.
     */
    Map<String, Object> round(Map<SyncedTable, Integer> sizes, int round) throws SQLException {
        Map<SyncedTable, List<SyncedRecord>> data = new LinkedHashMap<>();
        sizes.forEach((table, n) -> data.put(table, generate(table, n, round)));

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("round", round);
        r.put("load_average_before", Machine.loadAverage());
        SyncTarget t = newTarget("write" + round);
        prerequisites(t);
        writerPasses(r, "writer", t, data, Mode.ENGINE, true);
        SyncTarget pre = newTarget("prefilter" + round);
        prerequisites(pre);
        writerPasses(r, "writer_prefilter", pre, data, Mode.PREFILTER, true);
        SyncTarget own = newTarget("owner" + round);
        prerequisites(own);
        writerPasses(r, "writer_as_owner_no_rls", own, data, Mode.OWNER, false);

        Map<String, Object> copyAll = new LinkedHashMap<>();
        Map<String, Object> copyFks = new LinkedHashMap<>();
        Map<String, Object> copyFull = new LinkedHashMap<>();
        Map<String, Object> copyHeap = new LinkedHashMap<>();
        Map<String, Object> copyPaged = new LinkedHashMap<>();
        Map<String, Object> staged = new LinkedHashMap<>();
        for (SyncedTable table : data.keySet()) {
            List<String> cols = copyColumns(table.tableName());
            byte[] rows = export(table.tableName(), cols, t.orgId());
            copyHeap.put(table.tableName(), timeCopy(table.tableName(), "INCLUDING DEFAULTS INCLUDING GENERATED", false, cols, rows));
            copyAll.put(table.tableName(), timeCopy(table.tableName(), "INCLUDING ALL", false, cols, rows));
            copyFks.put(table.tableName(), timeCopy(table.tableName(), "INCLUDING ALL", true, cols, rows));
            copyFull.put(table.tableName(), timeCopy(table.tableName(), "INCLUDING ALL", true, true, cols, rows));
            copyPaged.put(table.tableName(), timeCopyPaged(table.tableName(), cols, rows));
            staged.put(table.tableName(), timeStagedUpsert(table.tableName(), cols, rows));
        }
        r.put("copy_including_all", withTotal(copyAll));
        r.put("copy_including_all_and_fks", withTotal(copyFks));
        r.put("copy_including_all_fks_and_triggers", withTotal(copyFull));
        r.put("copy_heap_only", withTotal(copyHeap));
        r.put("copy_including_all_in_pages", withTotal(copyPaged));
        r.put("copy_staging_then_upsert_in_pages", withTotal(staged));
        r.put("load_average_after", Machine.loadAverage());
        r.put("summary", Map.of(
                "writer_rows_per_s", rate(r, "writer_insert"),
                "copy_including_all_rows_per_s", rate(r, "copy_including_all"),
                "copy_including_all_and_fks_rows_per_s", rate(r, "copy_including_all_and_fks"),
                "ratio_vs_including_all", Results.round(rate(r, "writer_insert") / rate(r, "copy_including_all"), 3),
                "ratio_vs_including_all_and_fks", Results.round(rate(r, "writer_insert") / rate(r, "copy_including_all_and_fks"), 3)));
        return r;
    }

    void writerPasses(Map<String, Object> r, String name, SyncTarget t, Map<SyncedTable, List<SyncedRecord>> data, Mode mode,
                      boolean unchangedPass) {
        Map<String, Object> first = new LinkedHashMap<>();
        for (var e : data.entrySet()) first.put(e.getKey().tableName(), timeWriter(t, e.getKey(), e.getValue(), mode, true));
        r.put(name + "_insert", withTotal(first));
        if (!unchangedPass) return;
        Map<String, Object> again = new LinkedHashMap<>();
        for (var e : data.entrySet()) again.put(e.getKey().tableName(), timeWriter(t, e.getKey(), e.getValue(), mode, false));
        r.put(name + "_unchanged", withTotal(again));
    }

    /**
     * The writer's statement with one more condition: rows whose stored content hash already equals the new one are
     * filtered out before the INSERT, so they never reach the speculative insertion (nor a generated column). Not in
     * the engine: with the statistics of a table that has just been filled, PostgreSQL runs this NOT EXISTS as an
     * anti-join against every row of the organization (a first sync becomes quadratic; see bench/RESULTS.md).
     */
    static String prefilter(String sql) {
        if (!sql.startsWith("INSERT INTO \"") || !sql.contains("FROM unnest(")) return sql;
        String table = sql.substring("INSERT INTO \"".length(), sql.indexOf('"', "INSERT INTO \"".length()));
        int at = sql.indexOf("\nON CONFLICT (organization_id, source_system, source_id)");
        if (at < 0) return sql;
        return sql.substring(0, at) + "\n WHERE NOT EXISTS (SELECT 1 FROM \"" + table + "\" x WHERE x.organization_id = CAST(:org AS uuid)"
                + " AND x.source_system = :system AND x.source_id = v.source_id AND x.content_hash = v.content_hash)" + sql.substring(at);
    }

    Map<String, Object> timeWriter(SyncTarget t, SyncedTable table, List<SyncedRecord> records, Mode mode, boolean load) {
        List<List<SyncedRecord>> pages = pages(records, page);
        checkpoint();
        writeLog.reset();
        long t0 = System.nanoTime();
        for (List<SyncedRecord> p : pages) {
            switch (mode) {
                case ENGINE -> write(t, table, p);
                case PREFILTER -> tx.execute(Tenant.org(t.orgId()), j -> writer.write(sql -> j.sql(prefilter(sql)), t, table, p));
                case OWNER -> tx.system("write-path benchmark: the writer without row-level security", j -> writer.write(j, t, table, p));
            }
        }
        // as the engine after a stream (part of the write path's cost; only for link targets that grew a lot)
        if (load) analyzeAfterLoad(table, records.size());
        double s = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> m = timing(records.size(), s);
        m.put("java_prepare_ms", writeLog.prepareMs);
        m.put("statement_ms", writeLog.statementMs);
        m.put("pages", pages.size());
        return m;
    }

    /** The page-size sweep: fresh organization per size, contacts only, first write. */
    Map<String, Object> sweep(int rows, int[] sizes) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<SyncedRecord> contacts = generate(SyncedTable.CONTACTS, rows, 99);
        for (int size : sizes) {
            SyncTarget t = newTarget("sweep" + size);
            prerequisites(t);
            List<List<SyncedRecord>> pages = pages(contacts, size);
            checkpoint();
            writeLog.reset();
            long t0 = System.nanoTime();
            for (List<SyncedRecord> p : pages) write(t, SyncedTable.CONTACTS, p);
            Map<String, Object> m = timing(rows, (System.nanoTime() - t0) / 1e9);
            m.put("java_prepare_ms", writeLog.prepareMs);
            m.put("statement_ms", writeLog.statementMs);
            out.put("page_" + size, m);
            System.err.println("sweep page " + size + ": " + m.get("rows_per_s") + " rows/s");
        }
        return out;
    }

    /**
     * EXPLAIN (ANALYZE, BUFFERS) of the writer's own statement for one page of new rows per table, once as the sync
     * engine runs it (tenant transaction, row-level security) and once as the table owner, after {@code base} rows of
     * each table were written normally (so links resolve and the indexes are not empty).
     */
    Map<String, Object> explain(Map<SyncedTable, Integer> base) {
        Map<String, Object> out = new LinkedHashMap<>();
        SyncTarget t = newTarget("explain");
        prerequisites(t);
        for (var e : base.entrySet()) {
            SyncedTable table = e.getKey();
            List<SyncedRecord> all = generate(table, e.getValue() + 2 * page, 7);
            for (List<SyncedRecord> p : pages(all.subList(0, e.getValue()), page)) write(t, table, p);
            analyzeAfterLoad(table, e.getValue()); // as the engine after a stream
            List<SyncedRecord> engine = all.subList(e.getValue(), e.getValue() + page);
            List<SyncedRecord> asOwner = all.subList(e.getValue() + page, e.getValue() + 2 * page);
            List<String> plans = new ArrayList<>();
            tx.execute(Tenant.org(t.orgId()), j -> writer.write(ExplainingClient.wrap(j, plans), t, table, engine));
            tx.system("write-path benchmark: explain as owner", j -> writer.write(ExplainingClient.wrap(j, plans), t, table, asOwner));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rows", page);
            m.put("engine_tenant_rls", plans.size() > 0 ? List.of(plans.get(0).split("\n")) : List.of());
            m.put("owner_no_rls", plans.size() > 1 ? List.of(plans.get(1).split("\n")) : List.of());
            out.put(table.tableName(), m);
            System.err.println("EXPLAIN " + table.tableName() + " (tenant, RLS):\n" + (plans.isEmpty() ? "-" : plans.get(0)));
            System.err.println("EXPLAIN " + table.tableName() + " (owner):\n" + (plans.size() > 1 ? plans.get(1) : "-"));
        }
        return out;
    }

    // --- COPY ------------------------------------------------------------------------------------------------------

    /** The columns a loader supplies: all but the ones the database fills (id, created/updated_at, generated). */
    List<String> copyColumns(String table) {
        return owner.sql("""
                SELECT column_name FROM information_schema.columns
                 WHERE table_schema = 'public' AND table_name = :t AND is_generated = 'NEVER'
                   AND column_name NOT IN ('id', 'created_at', 'updated_at')
                 ORDER BY ordinal_position
                """).param("t", table).query(String.class).list();
    }

    byte[] export(String table, List<String> cols, UUID org) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            copyApi(c).copyOut("COPY (SELECT " + String.join(", ", cols) + " FROM " + table + " WHERE organization_id = '" + org
                    + "') TO STDOUT", bytes);
            return bytes.toByteArray();
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
    }

    /** An empty copy of {@code table}, COPY of all rows in one statement (one transaction), dropped afterwards. */
    Map<String, Object> timeCopy(String table, String like, boolean fks, List<String> cols, byte[] rows) throws SQLException {
        return timeCopy(table, like, fks, false, cols, rows);
    }

    Map<String, Object> timeCopy(String table, String like, boolean fks, boolean triggers, List<String> cols, byte[] rows)
            throws SQLException {
        String copy = "bench_copy_" + table;
        try (Connection c = dataSource.getConnection()) {
            createCopy(c, table, copy, like, fks, triggers);
            checkpoint();
            long t0 = System.nanoTime();
            long n = copyApi(c).copyIn("COPY " + copy + " (" + String.join(", ", cols) + ") FROM STDIN", new ByteArrayInputStream(rows));
            double s = (System.nanoTime() - t0) / 1e9;
            exec(c, "DROP TABLE " + copy);
            if (triggers) dropCopyQueueRows();
            return timing(n, s);
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
    }

    /** COPY into the INCLUDING ALL copy in pages of the writer's size, one transaction per page. */
    Map<String, Object> timeCopyPaged(String table, List<String> cols, byte[] rows) throws SQLException {
        String copy = "bench_copy_" + table;
        List<byte[]> chunks = chunks(rows, page);
        try (Connection c = dataSource.getConnection()) {
            createCopy(c, table, copy, "INCLUDING ALL", false);
            checkpoint();
            CopyManager api = copyApi(c);
            long n = 0;
            long t0 = System.nanoTime();
            for (byte[] chunk : chunks) n += api.copyIn("COPY " + copy + " (" + String.join(", ", cols) + ") FROM STDIN", new ByteArrayInputStream(chunk));
            double s = (System.nanoTime() - t0) / 1e9;
            exec(c, "DROP TABLE " + copy);
            Map<String, Object> m = timing(n, s);
            m.put("pages", chunks.size());
            return m;
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
    }

    /**
     * Upsert semantics through COPY: per page, in one transaction, COPY into a temp staging table, then
     * {@code INSERT INTO copy SELECT … FROM staging ON CONFLICT (organization_id, source_system, source_id) DO UPDATE …
     * WHERE content_hash IS DISTINCT FROM} into an INCLUDING ALL copy with the table's foreign keys and triggers (the
     * writer's tables have them). Link ids are already resolved in these rows (the writer resolves them in its statement), so
     * this is an upper bound for a COPY-based writer.
     */
    Map<String, Object> timeStagedUpsert(String table, List<String> cols, byte[] rows) throws SQLException {
        String copy = "bench_copy_" + table;
        String stage = "bench_stage_" + table;
        List<byte[]> chunks = chunks(rows, page);
        List<String> updates = cols.stream().filter(c -> !List.of("organization_id", "source_system", "source_id").contains(c))
                .map(c -> c + " = EXCLUDED." + c).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        updates.add("updated_at = now()");
        String upsert = "INSERT INTO " + copy + " AS t (" + String.join(", ", cols) + ") SELECT " + String.join(", ", cols)
                + " FROM " + stage + " ON CONFLICT (organization_id, source_system, source_id) DO UPDATE SET "
                + String.join(", ", updates) + " WHERE t.content_hash IS DISTINCT FROM EXCLUDED.content_hash";
        try (Connection c = dataSource.getConnection()) {
            createCopy(c, table, copy, "INCLUDING ALL", true, true);
            exec(c, "DROP TABLE IF EXISTS " + stage);
            exec(c, "CREATE TEMP TABLE " + stage + " (LIKE " + table + " INCLUDING DEFAULTS) ON COMMIT DELETE ROWS");
            checkpoint();
            CopyManager api = copyApi(c);
            long n = 0;
            long t0 = System.nanoTime();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (byte[] chunk : chunks) {
                    api.copyIn("COPY " + stage + " (" + String.join(", ", cols) + ") FROM STDIN", new ByteArrayInputStream(chunk));
                    n += st.executeUpdate(upsert);
                    c.commit();
                }
            } finally {
                c.setAutoCommit(true);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            exec(c, "DROP TABLE " + stage);
            exec(c, "DROP TABLE " + copy);
            dropCopyQueueRows();
            Map<String, Object> m = timing(n, s);
            m.put("pages", chunks.size());
            return m;
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
    }

    void createCopy(Connection c, String table, String copy, String like, boolean fks) throws SQLException {
        createCopy(c, table, copy, like, fks, false);
    }

    /**
     * An empty {@code LIKE} copy; with {@code fks} also the table's foreign keys, with {@code triggers} also its own
     * triggers (the search-queue triggers of activities), recreated on the copy.
     */
    void createCopy(Connection c, String table, String copy, String like, boolean fks, boolean triggers) throws SQLException {
        exec(c, "DROP TABLE IF EXISTS " + copy);
        exec(c, "CREATE TABLE " + copy + " (LIKE " + table + " " + like + ")");
        if (fks) {
            List<String> defs = owner.sql("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = CAST(:t AS regclass) AND contype = 'f'")
                    .param("t", table).query(String.class).list();
            for (int i = 0; i < defs.size(); i++) exec(c, "ALTER TABLE " + copy + " ADD CONSTRAINT " + copy + "_fk" + i + " " + defs.get(i));
        }
        if (triggers) {
            List<String> defs = owner.sql("SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = CAST(:t AS regclass) AND NOT tgisinternal")
                    .param("t", table).query(String.class).list();
            for (String def : defs) {
                exec(c, def.replaceFirst(" ON (public\\.)?" + table + " ", " ON public." + copy + " ")
                        .replaceFirst("CREATE TRIGGER (\\S+)", "CREATE TRIGGER $1_bench"));
            }
        }
    }

    /** Queue rows the copied search triggers wrote for the copy tables (the indexer does not run here anyway). */
    void dropCopyQueueRows() {
        owner.sql("DELETE FROM embedding_queue WHERE source_table LIKE 'bench_copy_%'").update();
    }

    /** Starts every measurement with no pending checkpoint work (needs a superuser; skipped otherwise). */
    void checkpoint() {
        try {
            owner.sql("CHECKPOINT").update();
        } catch (RuntimeException e) {
            // not a superuser on an external database: measure without
        }
    }

    static CopyManager copyApi(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getCopyAPI();
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** COPY text rows split into pages of {@code n} lines (rows never contain raw newlines in COPY text format). */
    static List<byte[]> chunks(byte[] rows, int n) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        int lines = 0;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == '\n' && ++lines == n) {
                out.add(java.util.Arrays.copyOfRange(rows, start, i + 1));
                start = i + 1;
                lines = 0;
            }
        }
        if (start < rows.length) out.add(java.util.Arrays.copyOfRange(rows, start, rows.length));
        return out;
    }

    // --- figures ---------------------------------------------------------------------------------------------------

    static Map<String, Object> timing(long rows, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("seconds", Results.round(seconds, 3));
        m.put("rows_per_s", Math.round(rows / seconds));
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> withTotal(Map<String, Object> perTable) {
        long rows = 0;
        double seconds = 0;
        for (Object v : perTable.values()) {
            Map<String, Object> m = (Map<String, Object>) v;
            rows += ((Number) m.get("rows")).longValue();
            seconds += ((Number) m.get("seconds")).doubleValue();
        }
        Map<String, Object> out = new LinkedHashMap<>(perTable);
        out.put("total", timing(rows, seconds));
        return out;
    }

    @SuppressWarnings("unchecked")
    static double rate(Map<String, Object> round, String key) {
        Map<String, Object> total = (Map<String, Object>) ((Map<String, Object>) round.get(key)).get("total");
        return ((Number) total.get("rows_per_s")).doubleValue();
    }

    /** Rows per table of the ×10 demo CRM, HubSpot and Salesforce together (what SyncBench writes). */
    static final Map<String, Integer> DEMO_X10 = Map.of("contacts", 30_000, "deals", 8_000, "activities", 145_244);

    /** Rows/s over the ×10 demo's mix of these tables, from per-table rates (time = Σ rows_t / rate_t). */
    static double demoMix(Map<String, Object> m) {
        double rows = 0;
        double seconds = 0;
        for (var e : DEMO_X10.entrySet()) {
            rows += e.getValue();
            seconds += e.getValue() / ((Number) m.get(e.getKey() + "_rows_per_s")).doubleValue();
        }
        return rows / seconds;
    }

    @SuppressWarnings("unchecked")
    static double tableRate(Map<String, Object> round, String key, String table) {
        Map<String, Object> t = (Map<String, Object>) ((Map<String, Object>) round.get(key)).get(table);
        return ((Number) t.get("rows_per_s")).doubleValue();
    }

    /** Medians over rounds of every total and per-table rate, and the budget ratio. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> summarize(List<Map<String, Object>> rounds) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> keys = List.of("writer_insert", "writer_unchanged", "writer_prefilter_insert", "writer_prefilter_unchanged",
                "writer_as_owner_no_rls_insert", "copy_including_all", "copy_including_all_and_fks",
                "copy_including_all_fks_and_triggers", "copy_heap_only",
                "copy_including_all_in_pages", "copy_staging_then_upsert_in_pages");
        for (String key : keys) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String part : List.of("contacts", "deals", "activities", "total")) {
                List<Double> v = rounds.stream().map(r -> ((Number) ((Map<String, Object>) ((Map<String, Object>) r.get(key))
                        .get(part)).get("rows_per_s")).doubleValue()).toList();
                m.put(part + "_rows_per_s", Math.round(Results.median(v)));
            }
            m.put("demo_x10_mix_rows_per_s", Math.round(demoMix(m)));
            out.put(key, m);
        }
        // each ratio from the same round (same load), then the median over rounds
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (String key : keys.subList(5, keys.size())) {
            List<Double> perRound = rounds.stream().map(r -> rate(r, "writer_insert") / rate(r, key)).toList();
            ratios.put("writer_vs_" + key + "_median", Results.round(Results.median(perRound), 3));
        }
        // per table (same round, median over rounds), and over the ×10 demo's mix of tables
        for (String base : List.of("copy_including_all", "copy_including_all_fks_and_triggers")) {
            Map<String, Object> perTable = new LinkedHashMap<>();
            for (String table : List.of("contacts", "deals", "activities")) {
                perTable.put(table, Results.round(Results.median(rounds.stream().map(r -> tableRate(r, "writer_insert", table)
                        / tableRate(r, base, table)).toList()), 3));
            }
            double w = demoMix((Map<String, Object>) out.get("writer_insert"));
            perTable.put("demo_x10_mix", Results.round(w / demoMix((Map<String, Object>) out.get(base)), 3));
            ratios.put("writer_vs_" + base + "_per_table", perTable);
        }
        List<Double> perRound = rounds.stream().map(r -> rate(r, "writer_insert") / rate(r, "copy_including_all")).toList();
        ratios.put("writer_vs_copy_including_all_per_round", perRound.stream().map(x -> Results.round(x, 3)).toList());
        ratios.put("writer_vs_copy_including_all_and_fks_per_round", rounds.stream()
                .map(r -> Results.round(rate(r, "writer_insert") / rate(r, "copy_including_all_and_fks"), 3)).toList());
        out.put("ratios", ratios);
        out.put("budget", "writer_vs_copy_including_all_median >= 0.5");
        return out;
    }

    // --- data ------------------------------------------------------------------------------------------------------

    static List<List<SyncedRecord>> pages(List<SyncedRecord> records, int size) {
        List<List<SyncedRecord>> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i += size) out.add(records.subList(i, Math.min(records.size(), i + size)));
        return out;
    }

    static final String[] FIRST = {"Pat", "Sam", "Alex", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery"};
    static final String[] LAST = {"Doe", "Nguyen", "Garcia", "Smith", "Müller", "Rossi", "Kowalski", "Okafor", "Tanaka", "Silva"};
    static final String[] TITLES = {"VP Sales", "Head of RevOps", "CFO", "Account Executive", "Director of Marketing", "CTO"};
    static final String[] WORDS = ("renewal pricing proposal security review onboarding integration roadmap budget timeline "
            + "procurement legal redlines pilot success metrics champion stakeholder demo follow-up discount expansion seats "
            + "contract signature kickoff quarterly business review churn risk competitor evaluation").split(" ");

    /** Deterministic synthetic records shaped like the connectors' output (links by source id, custom fields). */
    static List<SyncedRecord> generate(SyncedTable table, int n, int round) {
        Random rnd = new Random(1000L * round + table.ordinal());
        Instant base = Instant.parse("2026-01-15T12:00:00Z");
        List<SyncedRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int account = rnd.nextInt(ACCOUNTS);
            out.add(switch (table) {
                case CONTACTS -> {
                    String first = FIRST[rnd.nextInt(FIRST.length)];
                    String last = LAST[rnd.nextInt(LAST.length)] + " " + i;
                    yield SyncedRecord.of(table, "c" + i).set("first_name", first).set("last_name", last)
                            .set("name", first + " " + last).set("email", first.toLowerCase() + "." + i + "@acct" + account + ".example")
                            .set("title", TITLES[rnd.nextInt(TITLES.length)]).set("phone", "+1 555 " + (1_000_000 + i))
                            .set("account_source_id", "a" + account)
                            .custom("lifecyclestage", "lead").custom("hs_lead_status", "OPEN").custom("score", rnd.nextInt(100)).build();
                }
                case DEALS -> {
                    String stage = STAGES[rnd.nextInt(STAGES.length)];
                    yield SyncedRecord.of(table, "d" + i).set("name", "Account " + account + " — " + WORDS[rnd.nextInt(WORDS.length)] + " " + i)
                            .set("amount", BigDecimal.valueOf(5_000 + rnd.nextInt(250_000))).set("stage_source_id", stage)
                            .set("stage_name", stage).set("probability", new BigDecimal("0." + (1 + rnd.nextInt(9))))
                            .set("close_date", LocalDate.of(2026, 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)))
                            .set("owner_source_id", "o" + rnd.nextInt(OWNERS)).set("account_source_id", "a" + account)
                            .set("pipeline_source_id", "default").set("is_closed", stage.startsWith("closed"))
                            .set("is_won", stage.equals("closedwon")).custom("dealtype", "newbusiness").build();
                }
                case ACTIVITIES -> {
                    String type = i % 5 < 3 ? "email" : i % 5 == 3 ? "call" : "note";
                    StringBuilder body = new StringBuilder();
                    int words = 40 + rnd.nextInt(80);
                    for (int w = 0; w < words; w++) body.append(WORDS[rnd.nextInt(WORDS.length)]).append(w % 12 == 11 ? ". " : " ");
                    int contact = rnd.nextInt(Math.max(1, 40_000));
                    var rec = SyncedRecord.of(table, "e" + i).set("type", type)
                            .set("subject", "Re: " + WORDS[rnd.nextInt(WORDS.length)] + " " + WORDS[rnd.nextInt(WORDS.length)] + " #" + i)
                            .set("description", body.toString()).set("activity_date", base.minusSeconds(rnd.nextInt(31_536_000)))
                            .set("account_source_id", "a" + account).set("contact_source_id", "c" + contact)
                            .set("owner_source_id", "o" + rnd.nextInt(OWNERS)).set("direction", rnd.nextBoolean() ? "inbound" : "outbound");
                    if (rnd.nextInt(3) == 0) rec.set("deal_source_id", "d" + rnd.nextInt(10_000));
                    if (type.equals("email")) {
                        rec.set("from_email", "rep" + rnd.nextInt(OWNERS) + "@acme-demo.test")
                                .set("to_emails", List.of("pat." + contact + "@acct" + account + ".example"))
                                .set("thread_id", "t" + (i / 3));
                    }
                    yield rec.custom("hs_engagement_source", "CRM").build();
                }
                default -> throw new IllegalArgumentException(table.toString());
            });
        }
        return out;
    }

}

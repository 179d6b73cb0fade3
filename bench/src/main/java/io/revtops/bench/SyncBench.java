package io.revtops.bench;

import io.revtops.connectors.credentials.StoredSecret;
import io.revtops.connectors.integrations.Integrations;
import io.revtops.connectors.integrations.Integrations.ConnectRequest;
import io.revtops.simulators.Simulators;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.sync.SyncJob;
import io.revtops.sync.SyncOutcome;
import io.revtops.sync.TableCounts;
import io.revtops.tenancy.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 3's sync budgets, end to end in one JVM: the server application (embedded PostgreSQL in a fresh data dir, or
 * {@code REVTOPS_BENCH_DATABASE_URL}), the vendor simulators over real HTTP on 127.0.0.1 filled with the demo company,
 * the real HubSpot and Salesforce connectors with stored credentials, and {@link SyncJob#run} on this thread.
 *
 * <ul>
 *   <li>full sync of the ×10 demo CRM (both vendors, their jobs running concurrently as two db-scheduler workers
 *   would run them; {@code -Dbench.concurrent=false} for one after the other): normalized records written ÷ wall
 *   time (budget ≥ 5 000/s), and CPU ms per 1 000 records (JVM incl. the in-process simulators, plus PostgreSQL);</li>
 *   <li>a second sync with nothing changed, ×1 org (budget ≤ 2 s for both integrations) and ×10 for reference;</li>
 *   <li>per-stream page timings from the engine's own {@code event=sync_page} lines.</li>
 * </ul>
 * The ×1 org runs first, so the ×10 figures are those of a warmed-up JVM (the ×1 full sync is the cold one).
 *
 * <p>Run: {@code JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -q -o -pl bench -am exec:java
 * -Dexec.mainClass=io.revtops.bench.SyncBench} (optional {@code -Dbench.scale=10 -Dbench.unchangedRuns=3});
 * writes {@code bench/results/sync.json} ({@code -Dbench.result=<name>} for another file name).
 */
public final class SyncBench {
    static final long SEED = 42;

    public static void main(String[] args) throws Exception {
        double bigScale = Double.parseDouble(System.getProperty("bench.scale", "10"));
        int unchangedRuns = Integer.getInteger("bench.unchangedRuns", 3);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "sync (issue 3)");
        out.put("machine_at_start", Machine.describe());
        int code = 0;
        try (BenchApp app = BenchApp.boot()) {
            out.put("database", app.databaseSettings());
            out.put("app_boot_ms", app.bootMs);
            PageLog pages = PageLog.attach();
            SyncJob job = app.bean(SyncJob.class);
            Integrations integrations = app.bean(Integrations.class);

            out.put("x1", scenario(app, job, integrations, pages, 1, unchangedRuns));
            out.put("x" + fmt(bigScale), scenario(app, job, integrations, pages, bigScale, unchangedRuns));
        } catch (RuntimeException e) {
            e.printStackTrace();
            out.put("error", e.toString());
            code = 1;
        }
        out.put("machine_at_end", Machine.describe());
        var file = Results.write(System.getProperty("bench.result", "sync"), out);
        System.out.println(summary(out));
        System.out.println("written " + file);
        System.exit(code);
    }

    static Map<String, Object> scenario(BenchApp app, SyncJob job, Integrations integrations, PageLog pages, double scale,
                                        int unchangedRuns) {
        Map<String, Object> s = new LinkedHashMap<>();
        long g0 = System.nanoTime();
        DemoCompany company = DemoCompany.generate(SEED, scale);
        s.put("generate_ms", ms(g0));
        try (Simulators sims = Simulators.start(company, 0)) {
            s.put("vendor_counts", Map.of("hubspot", sims.hubspot().counts(), "salesforce", sims.salesforce().counts()));
            RequestContext admin = app.newOrganization("x" + fmt(scale).replace('.', '-'));
            Map<String, UUID> ids = new LinkedHashMap<>();
            ids.put("hubspot", connect(integrations, admin, sims, "hubspot"));
            ids.put("salesforce", connect(integrations, admin, sims, "salesforce"));
            pages.clear();

            Map<String, Object> full = syncAll(app, job, admin.orgId(), ids, pages);
            s.put("full_sync", full);
            System.err.printf("x%s full sync (%s): %d records written in %.2f s = %d records/s, %d CPU ms per 1 000 records"
                    + " (load %s)%n", fmt(scale), full.get("mode"), (long) full.get("written_total"), (double) full.get("wall_s_total"),
                    (long) full.get("records_per_s"), (long) full.get("cpu_ms_per_1000_records"), Machine.loadAverage());

            // nothing changed upstream: every run after the first
            List<Map<String, Object>> again = new ArrayList<>();
            List<Double> totals = new ArrayList<>();
            for (int i = 0; i < unchangedRuns; i++) {
                Map<String, Object> round = syncAll(app, job, admin.orgId(), ids, pages);
                again.add(round);
                totals.add((double) round.get("wall_s_total"));
                System.err.printf("x%s unchanged sync %d (%s): %.3f s for both integrations, %d rows written%n", fmt(scale), i + 1,
                        round.get("mode"), (double) round.get("wall_s_total"), (long) round.get("written_total"));
            }
            Map<String, Object> unchanged = new LinkedHashMap<>();
            unchanged.put("wall_s_median", Results.round(Results.median(totals), 3));
            unchanged.put("wall_s_all", totals.stream().map(t -> Results.round(t, 3)).toList());
            unchanged.put("runs", again);
            s.put("unchanged_sync", unchanged);
        }
        return s;
    }

    /**
     * One sync of every integration: concurrently by default, one worker thread per integration, as the product's
     * db-scheduler workers run two integrations' jobs ({@code -Dbench.concurrent=false}: one after the other). Wall
     * time from the first start to the last end; CPU of the JVM (by thread group) and of PostgreSQL over the round.
     */
    static Map<String, Object> syncAll(BenchApp app, SyncJob job, UUID orgId, Map<String, UUID> ids, PageLog pages) {
        boolean concurrent = Boolean.parseBoolean(System.getProperty("bench.concurrent", "true"));
        JdbcClient owner = app.bean(JdbcClient.class);
        Cpu.Sample c0 = Cpu.sample(owner);
        Map<String, Long> threads0 = Cpu.threads();
        Map<String, Long> threads1;
        long t0 = System.nanoTime();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", concurrent ? "concurrent" : "sequential");
        if (concurrent) {
            AtomicInteger n = new AtomicInteger();
            ExecutorService workers = Executors.newFixedThreadPool(ids.size(), r -> new Thread(r, "sync-worker-" + n.incrementAndGet()));
            try {
                Map<String, Future<Map<String, Object>>> running = new LinkedHashMap<>();
                ids.forEach((provider, id) -> running.put(provider, workers.submit(() -> run(job, orgId, id, pages))));
                for (var e : running.entrySet()) out.put(e.getKey(), e.getValue().get());
                threads1 = Cpu.threads(); // before the workers end (a dead thread's CPU time cannot be read)
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            } finally {
                workers.shutdownNow();
            }
        } else {
            ids.forEach((provider, id) -> out.put(provider, run(job, orgId, id, pages)));
            threads1 = Cpu.threads();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Cpu.Sample c1 = Cpu.sample(owner);
        Map<String, Long> cpu = Cpu.between(c0, c1);
        long written = 0;
        long seen = 0;
        for (String p : ids.keySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) out.get(p);
            written += (long) r.get("written");
            seen += (long) r.get("seen");
        }
        out.put("written_total", written);
        out.put("seen_total", seen);
        out.put("wall_s_total", Results.round(wall, 3));
        out.put("records_per_s", wall == 0 ? 0 : Math.round(written / wall));
        out.put("load_average_at_end", Machine.loadAverage());
        out.put("cpu_ms_jvm_incl_simulators", cpu.get("jvm_cpu_ms"));
        out.put("cpu_ms_postgres", cpu.get("postgres_cpu_ms"));
        out.put("cpu_ms_per_1000_records", written == 0 ? 0 : Math.round((cpu.get("jvm_cpu_ms") + cpu.get("postgres_cpu_ms")) * 1000.0 / written));
        out.put("cpu_ms_jvm_by_thread_group", Cpu.betweenThreads(threads0, threads1));
        out.put("cpu_ms_postgres_by_backend_type", Cpu.postgresByType(c0, c1));
        return out;
    }

    static Map<String, Object> run(SyncJob job, UUID orgId, UUID integrationId, PageLog pages) {
        long t0 = System.nanoTime();
        SyncOutcome outcome = job.run(orgId, integrationId);
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("outcome", outcome.getClass().getSimpleName());
        if (!(outcome instanceof SyncOutcome.Completed c)) {
            r.put("detail", outcome.toString());
            throw new IllegalStateException("sync did not complete: " + outcome);
        }
        long written = 0;
        long seen = 0;
        Map<String, Object> tables = new LinkedHashMap<>();
        for (Map.Entry<String, TableCounts> t : c.counts().entrySet()) {
            TableCounts n = t.getValue();
            written += n.inserted() + n.updated();
            seen += n.seen();
            tables.put(t.getKey(), Map.of("inserted", n.inserted(), "updated", n.updated(), "unchanged", n.unchanged(),
                    "deleted", n.deleted(), "failed", n.failed(), "warnings", n.warnings()));
        }
        r.put("wall_s", Results.round(wall, 3));
        r.put("written", written);
        r.put("seen", seen);
        r.put("records_per_s", wall == 0 ? 0 : Math.round(written / wall));
        r.put("tables", tables);
        r.put("streams", pages.drain(c.runId()));
        return r;
    }

    static UUID connect(Integrations integrations, RequestContext admin, Simulators sims, String provider) {
        StoredSecret secret = new StoredSecret(Optional.empty(), Optional.of(sims.credential(provider)), Optional.empty(),
                provider.equals("salesforce") ? Optional.of(sims.baseUrl(provider)) : Optional.empty());
        return integrations.connect(admin, provider, new ConnectRequest(Optional.empty(), Optional.of(secret),
                Optional.of(Map.of("base_url", sims.baseUrl(provider))))).id();
    }

    @SuppressWarnings("unchecked")
    static String summary(Map<String, Object> out) {
        StringBuilder b = new StringBuilder("SYNC BENCH ");
        for (var e : out.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> m) || !m.containsKey("full_sync")) continue;
            var full = (Map<String, Object>) m.get("full_sync");
            var unchanged = (Map<String, Object>) m.get("unchanged_sync");
            b.append(e.getKey()).append(": full ").append(full.get("written_total")).append(" rows in ")
                    .append(full.get("wall_s_total")).append(" s = ").append(full.get("records_per_s")).append("/s; unchanged ")
                    .append(unchanged.get("wall_s_median")).append(" s (median). ");
        }
        return b.toString();
    }

    static String fmt(double scale) {
        return scale == Math.rint(scale) ? Long.toString((long) scale) : Double.toString(scale);
    }

    static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private SyncBench() {}
}

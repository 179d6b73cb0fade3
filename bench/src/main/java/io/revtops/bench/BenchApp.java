package io.revtops.bench;

import io.revtops.Revtops;
import io.revtops.tenancy.Identity;
import io.revtops.tenancy.Role;
import io.revtops.tenancy.RequestContext;
import io.revtops.tenancy.SignIn;
import io.revtops.tenancy.Views.Me;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server application booted in this JVM for a benchmark: a fresh temp data dir (embedded PostgreSQL, initdb +
 * migrations) unless {@code REVTOPS_BENCH_DATABASE_URL} names an external database; no demo seeding, no scheduled
 * syncs, no background jobs (api role only: the benchmark calls the sync engine itself), vendor rate limits raised so
 * the simulators, not the limiter, set the pace.
 */
final class BenchApp implements AutoCloseable {
    final ConfigurableApplicationContext context;
    final Path dataDir;
    final String database;
    final long bootMs;

    private BenchApp(ConfigurableApplicationContext context, Path dataDir, String database, long bootMs) {
        this.context = context;
        this.dataDir = dataDir;
        this.database = database;
        this.bootMs = bootMs;
    }

    static BenchApp boot() {
        try {
            Path dataDir = Files.createTempDirectory("revtops-bench-");
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("revtops.data-dir", dataDir.toString());
            String url = System.getenv("REVTOPS_BENCH_DATABASE_URL");
            if (url != null && !url.isBlank()) props.put("revtops.database-url", url);
            props.put("revtops.demo.mode", "false");
            props.put("revtops.sync.scheduled", "false");
            props.put("server.port", "0");
            // api only: no db-scheduler in this process, so no background job (the embedding indexer above all, which
            // embeds every synced activity with a local model) competes with the measured code for the two cores
            props.put("revtops.roles", "api");
            props.put("revtops.http.rate-limits.hubspot.default", "100000/1s");
            props.put("revtops.http.rate-limits.hubspot.search", "100000/1s");
            props.put("revtops.http.rate-limits.salesforce.default", "100000/1s");
            // the per-page sync log lines stay on (they carry fetch/write timings); everything else quieter
            props.put("logging.level.root", "WARN");
            props.put("logging.level.io.revtops.sync.SyncJob", "INFO");
            long t0 = System.nanoTime();
            // as command-line arguments: they win over application.yml (default properties would not)
            String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
            ConfigurableApplicationContext ctx = new SpringApplicationBuilder(Revtops.class).bannerMode(Banner.Mode.OFF).run(args);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String db = url != null && !url.isBlank() ? "external PostgreSQL (REVTOPS_BENCH_DATABASE_URL)"
                    : "embedded PostgreSQL (zonky) in a fresh temp data dir";
            return new BenchApp(ctx, dataDir, db, ms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PostgreSQL version and the settings that decide write cost (the embedded server runs with fsync off). */
    Map<String, Object> databaseSettings() {
        var j = bean(org.springframework.jdbc.core.simple.JdbcClient.class);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("database", database);
        m.put("server_version", j.sql("SHOW server_version").query(String.class).single());
        j.sql("""
                SELECT name, setting || coalesce(unit, '') FROM pg_settings
                 WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'wal_level',
                                'max_wal_size', 'work_mem')
                 ORDER BY name
                """).query((rs, i) -> m.put(rs.getString(1), rs.getString(2))).list();
        return m;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A new organization through the real first sign-in of a work-email domain; its creator is the admin. */
    RequestContext newOrganization(String label) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String email = "admin@" + label + "-" + id + ".bench.test";
        Me me = bean(SignIn.class).sync(new Identity("bench|" + id, email, Optional.of("Bench Admin")));
        return new RequestContext(me.user().id(), email, me.organizations().getFirst().id(), Role.ADMIN);
    }

    @Override
    public void close() {
        context.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}

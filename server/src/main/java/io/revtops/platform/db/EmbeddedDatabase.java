package io.revtops.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database: a real PostgreSQL 15 (zonky binaries) whose data lives under {@code REVTOPS_DATA_DIR/postgres},
 * so a restart keeps everything. A second Revtops process on the same data directory joins the running server
 * instead of starting another one.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres; // null when we joined a server another process started
    private final DatabaseUrl url;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DatabaseUrl url) {
        this.postgres = postgres;
        this.url = url;
    }

    /** Starts (or joins) the embedded server keeping its data in {@code dataDir/postgres}. */
    public static EmbeddedDatabase start(Path dataDir) {
        Path pgData = dataDir.toAbsolutePath().normalize().resolve("postgres");
        try {
            Files.createDirectories(pgData);
            Optional<DatabaseUrl> running = runningServer(pgData);
            if (running.isPresent()) {
                log.info("event=embedded_db_joined data_dir={} url={}", pgData, running.get().jdbcUrl());
                return new EmbeddedDatabase(null, running.get());
            }
            long started = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            DatabaseUrl url = new DatabaseUrl(pg.getJdbcUrl("postgres", "postgres"), Optional.of("postgres"), Optional.empty());
            log.info("event=embedded_db_started data_dir={} port={} ms={}", pgData, pg.getPort(),
                    (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedDatabase(pg, url);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgData
                    + ". Check that the directory is writable, or set DATABASE_URL to use your own PostgreSQL.", e);
        }
    }

    /** A server already running on this data directory (started by another Revtops process), if it answers. */
    private static Optional<DatabaseUrl> runningServer(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) return Optional.empty();
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) return Optional.empty();
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                String jdbc = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
                try (var ignored = DriverManager.getConnection(jdbc, "postgres", "")) {
                    return Optional.of(new DatabaseUrl(jdbc, Optional.of("postgres"), Optional.empty()));
                }
            }
        } catch (Exception e) {
            log.debug("event=embedded_db_pidfile_ignored reason={}", e.toString());
        }
        return Optional.empty();
    }

    public DatabaseUrl url() {
        return url;
    }

    @Override
    public void close() {
        if (postgres == null) return;
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("event=embedded_db_stop_failed error={}", e.toString());
        }
    }
}

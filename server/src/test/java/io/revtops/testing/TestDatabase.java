package io.revtops.testing;

import io.revtops.platform.db.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The PostgreSQL the tests run on: {@code REVTOPS_TEST_DATABASE_URL} when set (CI: a cluster with pgvector), else one
 * embedded server per test JVM. Each JVM gets fresh databases so runs never see each other's rows.
 */
public final class TestDatabase {
    private static volatile TestDatabase instance;

    private final String serverJdbcPrefix; // jdbc:postgresql://host:port/
    private final String query;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;
    private final String mainDatabase;

    private TestDatabase(String serverJdbcPrefix, String query, String user, String password, EmbeddedPostgres embedded) {
        this.serverJdbcPrefix = serverJdbcPrefix;
        this.query = query;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
        this.mainDatabase = createDatabase("revtops_test");
    }

    public static TestDatabase get() {
        if (instance == null) {
            synchronized (TestDatabase.class) {
                if (instance == null) instance = start();
            }
        }
        return instance;
    }

    private static TestDatabase start() {
        String external = System.getenv("REVTOPS_TEST_DATABASE_URL");
        if (external != null && !external.isBlank()) {
            DatabaseUrl url = DatabaseUrl.parse(external);
            String jdbc = url.jdbcUrl();
            int q = jdbc.indexOf('?');
            String base = q < 0 ? jdbc : jdbc.substring(0, q);
            String query = q < 0 ? "" : jdbc.substring(q);
            String prefix = base.substring(0, base.lastIndexOf('/') + 1);
            return new TestDatabase(prefix, query, url.user().orElse("postgres"), url.password().orElse(""), null);
        }
        try {
            Path dir = Files.createTempDirectory("revtops-test-pg");
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "300").start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
            return new TestDatabase("jdbc:postgresql://localhost:" + pg.getPort() + "/", "", "postgres", "", pg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty database on the test server, named from a prefix plus a unique suffix. */
    public String createDatabase(String prefix) {
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + Long.toString(System.nanoTime(), 36);
        try (Connection c = DriverManager.getConnection(serverJdbcPrefix + "postgres" + query, user, password)) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + ": " + e.getMessage(), e);
        }
        return name;
    }

    /** The JDBC URL of the shared test database (migrated by the first Spring context). */
    public String jdbcUrl() {
        return jdbcUrl(mainDatabase);
    }

    public String jdbcUrl(String database) {
        return serverJdbcPrefix + database + query;
    }

    /** The same location as a {@code postgres://} URL, the form users put in DATABASE_URL. */
    public String databaseUrl(String database) {
        String hostPort = serverJdbcPrefix.substring("jdbc:postgresql://".length());
        String credentials = user + (password.isEmpty() ? "" : ":" + password);
        return "postgres://" + credentials + "@" + hostPort + database + query;
    }

    public String databaseUrl() {
        return databaseUrl(mainDatabase);
    }

    public Connection connect() throws SQLException {
        return connect(mainDatabase);
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    public String user() {
        return user;
    }

    public boolean embedded() {
        return embedded != null;
    }

    public Optional<String> password() {
        return password.isEmpty() ? Optional.empty() : Optional.of(password);
    }
}

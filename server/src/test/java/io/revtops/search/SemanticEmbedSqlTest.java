package io.revtops.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.revtops.search.VectorSupport.Mode;
import io.revtops.search.embedding.MiniLmEmbedder;
import io.revtops.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code semantic_embed('…')} in agent SQL: the SQL guard turns each call into a JDBC {@code ?}, the run_sql_query
 * tool binds {@link QueryEmbedder}'s vector with {@link VectorSupport#bindQueryVector}; the query, with ordinary
 * filters and joins, then runs as the app role under row-level security, the same on pgvector and on the portable
 * real[] fallback.
 */
class SemanticEmbedSqlTest {
    /** What the SQL guard makes of {@code ORDER BY e.embedding <=> semantic_embed('…')} with a join and filters. */
    static final String GUARDED_SQL = """
            SELECT a.subject, ac.name AS account, e.embedding <=> ? AS distance
              FROM embeddings e
              JOIN activities a ON a.id = e.source_id AND e.source_table = 'activities'
              JOIN accounts ac ON ac.id = a.account_id
             WHERE e.model = ? AND a.type = 'email' AND ac.name <> 'Initech'
             ORDER BY e.embedding <=> ?, a.subject
             LIMIT 3
            """;
    static final List<String[]> EMAILS = List.of(
            new String[] {"Acme", "Re: pricing", "Your per-seat price is too expensive for our budget this year."},
            new String[] {"Acme", "Kickoff agenda", "Agenda for Monday: introductions, timeline, next steps."},
            new String[] {"Globex", "Contract too costly", "Legal says the contract costs more than we can afford."},
            new String[] {"Globex", "Holiday schedule", "Our offices are closed between Christmas and New Year."},
            new String[] {"Initech", "Budget objection", "The price is far too high for us."});

    static MiniLmEmbedder embedder;

    @BeforeAll
    static void model() {
        embedder = new MiniLmEmbedder(8, 2);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    record Db(DriverManagerDataSource ds, JdbcClient owner, VectorSupport vectors, UUID org, UUID otherOrg) {}

    static Db migrated(String vectorMode) {
        TestDatabase test = TestDatabase.get();
        String name = test.createDatabase("revtops_semantic_" + vectorMode);
        DriverManagerDataSource ds = new DriverManagerDataSource(test.jdbcUrl(name), test.user(), test.password().orElse(""));
        Flyway.configure().dataSource(ds).placeholders(Map.of("vector_mode", vectorMode)).load().migrate();
        JdbcClient owner = JdbcClient.create(ds);
        VectorSupport vectors = new VectorSupport(owner);
        UUID org = seed(owner, vectors, "semantic");
        UUID other = seed(owner, vectors, "other");
        return new Db(ds, owner, vectors, org, other);
    }

    /** An organization with accounts and emails, embedded with MiniLM, written as an indexer would. */
    static UUID seed(JdbcClient owner, VectorSupport vectors, String name) {
        UUID org = owner.sql("INSERT INTO organizations (name, handle) VALUES (:n, :h) RETURNING id")
                .param("n", name).param("h", name + "-" + UUID.randomUUID().toString().substring(0, 8)).query(UUID.class).single();
        List<float[]> vs = embedder.embed(EMAILS.stream().map(e -> e[1] + "\n" + e[2]).toList());
        for (int i = 0; i < EMAILS.size(); i++) {
            String[] e = EMAILS.get(i);
            UUID account = owner.sql("""
                    INSERT INTO accounts (organization_id, source_system, source_id, name) VALUES (:o, 'hubspot', :s, :n)
                    ON CONFLICT (organization_id, source_system, source_id) DO UPDATE SET name = EXCLUDED.name RETURNING id
                    """).param("o", org).param("s", e[0]).param("n", e[0]).query(UUID.class).single();
            UUID activity = owner.sql("""
                    INSERT INTO activities (organization_id, source_system, source_id, type, subject, description, account_id)
                    VALUES (:o, 'hubspot', :s, 'email', :subject, :body, :a) RETURNING id
                    """).param("o", org).param("s", "e" + i).param("subject", e[1]).param("body", e[2]).param("a", account)
                    .query(UUID.class).single();
            owner.sql("INSERT INTO embeddings (organization_id, source_table, source_id, chunk_index, model, dimensions, embedding)"
                            + " VALUES (:o, 'activities', :s, 0, :m, 384, " + vectors.cast("v") + ")")
                    .param("o", org).param("s", activity).param("m", MiniLmEmbedder.MODEL)
                    .param("v", vectors.literal(vs.get(i))).update();
        }
        return org;
    }

    /** Runs the guarded SQL as run_sql_query does: app role, tenant settings, read only, vectors bound to the ?s. */
    static List<String> run(Db db, UUID org, String semanticText) throws SQLException {
        float[] q = embedder.embed(List.of(semanticText)).get(0);
        try (Connection c = db.ds().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("SELECT set_config('app.current_org_id', ?, true)")) {
                s.setString(1, org.toString());
                s.execute();
            }
            c.createStatement().execute("SET LOCAL ROLE revtops_app");
            c.createStatement().execute("SET TRANSACTION READ ONLY");
            List<String> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(GUARDED_SQL)) {
                db.vectors().bindQueryVector(s, 1, q);
                s.setString(2, MiniLmEmbedder.MODEL);
                db.vectors().bindQueryVector(s, 3, q);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        assertThat(rs.getDouble("distance")).isBetween(0.0, 2.0);
                        out.add(rs.getString("account") + ": " + rs.getString("subject"));
                    }
                }
            }
            c.rollback();
            return out;
        }
    }

    static boolean pgvectorInstallable() {
        return VectorSupportTest.pgvectorInstallable();
    }

    @Test
    void semanticEmbedWithJoinsAndFiltersOnThePortableFallback() throws SQLException {
        Db db = migrated("portable");
        assertThat(db.vectors().mode()).isEqualTo(Mode.PORTABLE);
        List<String> rows = run(db, db.org(), "the customer thinks we are too expensive");
        assertThat(rows).hasSize(3);
        assertThat(rows.subList(0, 2)).containsExactlyInAnyOrder("Acme: Re: pricing", "Globex: Contract too costly");
        assertThat(rows).noneMatch(r -> r.startsWith("Initech"));
    }

    @Test
    void semanticEmbedWithJoinsAndFiltersOnPgvector() throws SQLException {
        assumeTrue(pgvectorInstallable(), "pgvector is not installed on this PostgreSQL (CI installs it)");
        Db pg = migrated("auto");
        Db portable = migrated("portable");
        assertThat(pg.vectors().mode()).isEqualTo(Mode.PGVECTOR);
        List<String> rows = run(pg, pg.org(), "the customer thinks we are too expensive");
        assertThat(rows.subList(0, 2)).containsExactlyInAnyOrder("Acme: Re: pricing", "Globex: Contract too costly");
        assertThat(rows).isEqualTo(run(portable, portable.org(), "the customer thinks we are too expensive"));
    }

    @Test
    void anotherOrganizationsVectorsAreNeverCompared() throws SQLException {
        Db db = migrated("portable");
        UUID stranger = UUID.randomUUID();
        assertThat(run(db, stranger, "too expensive")).isEmpty();
        // each organization sees its own three rows only
        assertThat(run(db, db.otherOrg(), "too expensive")).hasSize(3);
    }
}

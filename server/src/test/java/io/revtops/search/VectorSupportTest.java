package io.revtops.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.revtops.search.VectorSupport.Mode;
import io.revtops.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@code ORDER BY embedding <=> q} gives the same order with pgvector and with the portable real[] fallback. */
class VectorSupportTest {
    static final int DIMENSIONS = 16;
    static final List<float[]> VECTORS = new ArrayList<>();
    static final float[] QUERY = new float[DIMENSIONS];

    @BeforeAll
    static void vectors() {
        Random random = new Random(42);
        for (int i = 0; i < 60; i++) {
            float[] v = new float[DIMENSIONS];
            for (int d = 0; d < DIMENSIONS; d++) v[d] = (float) random.nextGaussian();
            VECTORS.add(v);
        }
        for (int d = 0; d < DIMENSIONS; d++) QUERY[d] = (float) random.nextGaussian();
    }

    static JdbcClient migrated(String database, String vectorMode) {
        TestDatabase db = TestDatabase.get();
        DriverManagerDataSource ds = new DriverManagerDataSource(db.jdbcUrl(database), db.user(), db.password().orElse(""));
        Flyway.configure().dataSource(ds).placeholders(Map.of("vector_mode", vectorMode)).load().migrate();
        return JdbcClient.create(ds);
    }

    static List<Integer> ranking(JdbcClient jdbc) {
        Mode mode = VectorSupport.of(jdbc);
        UUID org = jdbc.sql("INSERT INTO organizations (name, handle) VALUES ('Vectors', :h) RETURNING id")
                .param("h", "vec-" + UUID.randomUUID().toString().substring(0, 8)).query(UUID.class).single();
        for (int i = 0; i < VECTORS.size(); i++) {
            jdbc.sql("INSERT INTO embeddings (organization_id, source_table, source_id, chunk_index, model, dimensions, embedding)"
                            + " VALUES (:o, 'activities', :s, :i, 'test', :d, " + VectorSupport.cast(mode, "v") + ")")
                    .param("o", org).param("s", UUID.randomUUID()).param("i", i).param("d", DIMENSIONS)
                    .param("v", VectorSupport.literal(mode, VECTORS.get(i))).update();
        }
        return jdbc.sql("SELECT chunk_index FROM embeddings WHERE organization_id = :o ORDER BY embedding <=> "
                        + VectorSupport.cast(mode, "q") + ", chunk_index")
                .param("o", org).param("q", VectorSupport.literal(mode, QUERY)).query(Integer.class).list();
    }

    static List<Integer> exactRanking() {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < VECTORS.size(); i++) idx.add(i);
        idx.sort((a, b) -> Double.compare(cosineDistance(VECTORS.get(a), QUERY), cosineDistance(VECTORS.get(b), QUERY)));
        return idx;
    }

    static double cosineDistance(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return 1 - dot / Math.sqrt(na * nb);
    }

    static boolean pgvectorInstallable() {
        String probe = TestDatabase.get().createDatabase("revtops_vector_probe");
        try (Connection c = TestDatabase.get().connect(probe)) {
            c.createStatement().execute("CREATE EXTENSION vector");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    void thePortableFallbackOrdersByCosineDistance() {
        JdbcClient portable = migrated(TestDatabase.get().createDatabase("revtops_portable"), "portable");
        assertThat(VectorSupport.of(portable)).isEqualTo(Mode.PORTABLE);
        assertThat(ranking(portable)).isEqualTo(exactRanking());
    }

    @Test
    void pgvectorAndThePortableFallbackGiveTheSameOrder() {
        assumeTrue(pgvectorInstallable(), "pgvector is not installed on this PostgreSQL (CI installs it)");
        JdbcClient withPgvector = migrated(TestDatabase.get().createDatabase("revtops_pgvector"), "auto");
        JdbcClient portable = migrated(TestDatabase.get().createDatabase("revtops_portable"), "portable");
        assertThat(VectorSupport.of(withPgvector)).isEqualTo(Mode.PGVECTOR);
        assertThat(ranking(withPgvector)).isEqualTo(ranking(portable)).isEqualTo(exactRanking());
    }
}

package io.revtops.search;

import com.pgvector.PGvector;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How vectors are stored in this database, chosen at migration time: pgvector's {@code vector} type when the
 * extension could be created, else {@code real[]} with the project's own {@code <=>} cosine-distance operator.
 * Queries are written once ({@code ORDER BY embedding <=> CAST(:q AS …)}); only the cast and literal differ.
 */
@Component
public class VectorSupport {
    /** The two storage modes. */
    public enum Mode { PGVECTOR, PORTABLE }

    private final JdbcClient jdbc;
    private volatile Mode mode;
    private volatile String schema;

    public VectorSupport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Mode mode() {
        Mode m = mode;
        if (m == null) {
            m = of(jdbc);
            mode = m;
        }
        return m;
    }

    /** The mode of the database {@code jdbc} talks to. */
    public static Mode of(JdbcClient jdbc) {
        String value = jdbc.sql("SELECT revtops_vector_mode()").query(String.class).single();
        return value.equals("pgvector") ? Mode.PGVECTOR : Mode.PORTABLE;
    }

    /** The SQL for a query vector bound to the named parameter, e.g. {@code CAST(:q AS vector)}. */
    public String cast(String parameterName) {
        return cast(mode(), parameterName);
    }

    public static String cast(Mode mode, String parameterName) {
        return "CAST(:" + parameterName + (mode == Mode.PGVECTOR ? " AS vector)" : " AS real[])");
    }

    /** The text form of a vector that the cast above accepts: {@code [1,2]} for pgvector, {@code {1,2}} for real[]. */
    public String literal(float[] vector) {
        return literal(mode(), vector);
    }

    public static String literal(Mode mode, float[] vector) {
        StringBuilder sb = new StringBuilder(vector.length * 10 + 2).append(mode == Mode.PGVECTOR ? '[' : '{');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) sb.append(',');
            float v = vector[i];
            if (!Float.isFinite(v)) throw new IllegalArgumentException("vector component " + i + " is not finite");
            sb.append(String.format(Locale.ROOT, "%s", v));
        }
        return sb.append(mode == Mode.PGVECTOR ? ']' : '}').toString();
    }

    /**
     * Binds a query vector to a JDBC {@code ?}, typed so that {@code embedding <=> ?} resolves without a cast: a
     * pgvector {@code vector} in pgvector mode, a {@code real[]} otherwise. This is how {@code semantic_embed('…')}
     * reaches agent SQL after the SQL guard turned it into a parameter.
     */
    public void bindQueryVector(PreparedStatement statement, int index, float[] vector) throws SQLException {
        requireFinite(vector);
        if (mode() == Mode.PGVECTOR) {
            statement.setObject(index, new PGvector(vector));
        } else {
            Float[] boxed = new Float[vector.length];
            for (int i = 0; i < vector.length; i++) boxed[i] = vector[i];
            statement.setArray(index, statement.getConnection().createArrayOf("float4", boxed));
        }
    }

    /** A query vector as a value for a named parameter ({@link JdbcClient}), typed like {@link #bindQueryVector}. */
    public Object parameter(float[] vector) {
        requireFinite(vector);
        return mode() == Mode.PGVECTOR ? new PGvector(vector) : vector.clone();
    }

    /**
     * The SQL type of stored vectors of one dimension, as used by the HNSW expression indexes (V21): e.g.
     * {@code "public".vector(384)} with pgvector, {@code real[]} in portable mode (no index, exact scan).
     */
    public String storedType(int dimensions) {
        if (dimensions <= 0 || dimensions > 16_000) throw new IllegalArgumentException("bad dimension " + dimensions);
        if (mode() != Mode.PGVECTOR) return "real[]";
        String s = schema;
        if (s == null) {
            s = jdbc.sql("""
                    SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                     WHERE e.extname = 'vector'
                    """).query(String.class).single();
            schema = s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\".vector(" + dimensions + ")";
    }

    private static void requireFinite(float[] vector) {
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) throw new IllegalArgumentException("vector component " + i + " is not finite");
        }
    }
}

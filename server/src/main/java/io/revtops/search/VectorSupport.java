package io.revtops.search;

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
}

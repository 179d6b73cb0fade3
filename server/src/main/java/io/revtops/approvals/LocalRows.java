package io.revtops.approvals;

import io.revtops.approvals.store.SnapshotRepository.Snapshot;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Puts local rows back as their snapshots recorded them (discarding a change session): a row the session created is
 * deleted, a changed one gets its old values back, a deleted one is inserted again. Only the internal tables
 * run_sql_write may change are restorable; table names come from this list, never from input.
 */
final class LocalRows {
    /** Tables run_sql_write changes directly (under row-level security) and discard can restore. */
    static final Set<String> RESTORABLE = Set.of("workflows", "artifacts", "org_members");

    private LocalRows() {}

    /** Restores the snapshots (newest first) in the caller's transaction; returns how many rows were touched. */
    static int restore(JdbcClient j, List<Snapshot> snaps) {
        int n = 0;
        for (Snapshot s : snaps) {
            if (!RESTORABLE.contains(s.table())) continue;
            String table = quote(s.table());
            if (s.json().isEmpty()) {
                n += j.sql("DELETE FROM " + table + " WHERE id = :id").param("id", s.recordId()).update();
                continue;
            }
            List<String> columns = j.sql("""
                    SELECT column_name FROM information_schema.columns
                     WHERE table_schema = 'public' AND table_name = :t AND is_generated = 'NEVER' AND column_name <> 'id'
                     ORDER BY ordinal_position
                    """).param("t", s.table()).query(String.class).list();
            String cols = columns.stream().map(LocalRows::quote).collect(Collectors.joining(", "));
            String source = "jsonb_populate_record(NULL::" + table + ", CAST(:snap AS jsonb))";
            int updated = j.sql("UPDATE " + table + " AS t SET (" + cols + ") = (SELECT " + cols + " FROM " + source
                    + ") WHERE t.id = :id").param("snap", s.json().get()).param("id", s.recordId()).update();
            if (updated == 0) {
                updated = j.sql("INSERT INTO " + table + " SELECT * FROM " + source).param("snap", s.json().get()).update();
            }
            n += updated;
        }
        return n;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}

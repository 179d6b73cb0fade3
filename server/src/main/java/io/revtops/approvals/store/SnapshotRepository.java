package io.revtops.approvals.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of {@code record_snapshots}: a row as it was before its change session first touched it. */
@Repository
public class SnapshotRepository {

    /** A snapshot: the row as JSON, or empty when the session created the row. */
    public record Snapshot(String table, UUID recordId, Optional<String> json) {}

    /** Keeps the first snapshot of a row per session; later ones are ignored. */
    public void record(JdbcClient j, UUID orgId, UUID sessionId, String table, UUID recordId, Optional<String> snapshotJson) {
        j.sql("""
                INSERT INTO record_snapshots (organization_id, change_session_id, table_name, record_id, snapshot)
                VALUES (:o, :s, :t, :r, CAST(:snap AS jsonb))
                ON CONFLICT (change_session_id, table_name, record_id) DO NOTHING
                """).param("o", orgId).param("s", sessionId).param("t", table).param("r", recordId)
                .param("snap", snapshotJson.orElse(null)).update();
    }

    /** The session's snapshots, newest first (restoring in reverse order of change). */
    public List<Snapshot> forSession(JdbcClient j, UUID sessionId) {
        return j.sql("""
                SELECT table_name, record_id, snapshot::text FROM record_snapshots WHERE change_session_id = :s
                 ORDER BY created_at DESC, id
                """).param("s", sessionId)
                .query((rs, n) -> new Snapshot(rs.getString(1), rs.getObject(2, UUID.class), Optional.ofNullable(rs.getString(3))))
                .list();
    }
}

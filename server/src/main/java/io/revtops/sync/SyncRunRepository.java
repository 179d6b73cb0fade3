package io.revtops.sync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for {@code sync_runs}: one row per execution with its counts per table ({@code counts.<table>}), a sample of
 * the records that failed or lost fields ({@code counts.problems}) and how it ended.
 */
@Repository
public class SyncRunRepository {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A run as stored. */
    public record Run(UUID id, UUID integrationId, String status, Instant startedAt, Optional<Instant> finishedAt,
                      Map<String, Object> counts, Optional<String> error) {}

    /**
     * Runs still marked running for this integration when a new one starts were left by a worker that died:
     * db-scheduler runs one execution per integration at a time, so they cannot be running.
     */
    public int failAbandoned(JdbcClient j, UUID integrationId) {
        return j.sql("""
                UPDATE sync_runs SET status = 'failed', finished_at = now(),
                       error = 'Interrupted: the worker running this sync stopped; the next sync resumes from its checkpoint'
                 WHERE integration_id = :i AND status = 'running'
                """).param("i", integrationId).update();
    }

    public UUID start(JdbcClient j, UUID orgId, UUID integrationId) {
        return j.sql("INSERT INTO sync_runs (organization_id, integration_id, status) VALUES (:o, :i, 'running') RETURNING id")
                .param("o", orgId).param("i", integrationId).query(UUID.class).single();
    }

    public void progress(JdbcClient j, UUID runId, Map<String, ?> counts) {
        j.sql("UPDATE sync_runs SET counts = CAST(:c AS jsonb) WHERE id = :id")
                .param("id", runId).param("c", JSON.writeValueAsString(counts)).update();
    }

    public void finish(JdbcClient j, UUID runId, String status, Map<String, ?> counts, Optional<String> error) {
        j.sql("""
                UPDATE sync_runs SET status = :s, finished_at = now(), counts = CAST(:c AS jsonb), error = :e WHERE id = :id
                """).param("id", runId).param("s", status).param("c", JSON.writeValueAsString(counts))
                .param("e", error.orElse(null)).update();
    }

    public Optional<Run> find(JdbcClient j, UUID runId) {
        return j.sql("SELECT id, integration_id, status, started_at, finished_at, counts, error FROM sync_runs WHERE id = :id")
                .param("id", runId).query((rs, n) -> map(rs)).optional();
    }

    /** The most recent runs of an integration, newest first. */
    public List<Run> recent(JdbcClient j, UUID integrationId, int limit) {
        return j.sql("""
                SELECT id, integration_id, status, started_at, finished_at, counts, error FROM sync_runs
                 WHERE integration_id = :i ORDER BY started_at DESC LIMIT :n
                """).param("i", integrationId).param("n", limit).query((rs, n) -> map(rs)).list();
    }

    private static Run map(java.sql.ResultSet rs) throws java.sql.SQLException {
        String counts = rs.getString("counts");
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Run(rs.getObject("id", UUID.class), rs.getObject("integration_id", UUID.class), rs.getString("status"),
                rs.getTimestamp("started_at").toInstant(), Optional.ofNullable(finished).map(Timestamp::toInstant),
                counts == null ? Map.of() : JSON.readValue(counts, new TypeReference<LinkedHashMap<String, Object>>() {}),
                Optional.ofNullable(rs.getString("error")));
    }
}

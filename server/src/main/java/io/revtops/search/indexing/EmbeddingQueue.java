package io.revtops.search.indexing;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code embedding_queue} table: rows whose embeddings are out of date. Claimed with a lease (so two workers
 * never embed the same row at once and a crashed worker's rows come back), removed only once their chunks are
 * stored, put back with a growing delay when the provider fails. Runs on the owner connection (a system task).
 */
@Repository
public class EmbeddingQueue {
    /** A claimed row; {@code enqueuedAt} tells whether it changed again while it was being embedded. */
    public record Item(UUID orgId, String sourceTable, UUID sourceId, OffsetDateTime enqueuedAt, int attempts) {}

    /** Leases up to {@code limit} due rows for {@code lease}. */
    public List<Item> claim(JdbcClient j, int limit, Duration lease) {
        return j.sql("""
                UPDATE embedding_queue q
                   SET leased_until = clock_timestamp() + CAST(:lease AS interval), attempts = q.attempts + 1
                  FROM (SELECT organization_id, source_table, source_id
                          FROM embedding_queue
                         WHERE next_attempt_at <= clock_timestamp()
                           AND (leased_until IS NULL OR leased_until < clock_timestamp())
                         ORDER BY next_attempt_at
                         LIMIT :limit
                           FOR UPDATE SKIP LOCKED) c
                 WHERE q.organization_id = c.organization_id AND q.source_table = c.source_table
                   AND q.source_id = c.source_id
                RETURNING q.organization_id, q.source_table, q.source_id, q.enqueued_at, q.attempts
                """)
                .param("lease", lease.toSeconds() + " seconds").param("limit", limit)
                .query((rs, n) -> new Item(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getObject(4, OffsetDateTime.class), rs.getInt(5)))
                .list();
    }

    /** Removes an embedded row, unless it was enqueued again meanwhile: then it is released for another pass. */
    public void done(JdbcClient j, Item item) {
        int removed = j.sql("""
                DELETE FROM embedding_queue
                 WHERE organization_id = :org AND source_table = :table AND source_id = :id AND enqueued_at = :at
                """).param("org", item.orgId()).param("table", item.sourceTable()).param("id", item.sourceId())
                .param("at", item.enqueuedAt()).update();
        if (removed == 0) {
            j.sql("""
                    UPDATE embedding_queue SET leased_until = NULL, attempts = 0
                     WHERE organization_id = :org AND source_table = :table AND source_id = :id
                    """).param("org", item.orgId()).param("table", item.sourceTable()).param("id", item.sourceId()).update();
        }
    }

    /** Puts rows back after a failure, to be tried after {@code retryAfter}; the error is kept for operators. */
    public void failed(JdbcClient j, List<Item> items, Duration retryAfter, String error) {
        for (Item item : items) {
            j.sql("""
                    UPDATE embedding_queue
                       SET leased_until = NULL, last_error = :error,
                           next_attempt_at = clock_timestamp() + CAST(:after AS interval)
                     WHERE organization_id = :org AND source_table = :table AND source_id = :id
                    """).param("error", error.length() > 1_000 ? error.substring(0, 1_000) : error)
                    .param("after", retryAfter.toSeconds() + " seconds")
                    .param("org", item.orgId()).param("table", item.sourceTable()).param("id", item.sourceId()).update();
        }
    }

    /** Queues every searchable row of every organization (a full rebuild); returns how many rows are queued. */
    public long enqueueAll(JdbcClient j) {
        for (String table : SourceDocuments.TABLES) {
            // table names come from the fixed list above, never from input
            j.sql("INSERT INTO embedding_queue (organization_id, source_table, source_id) SELECT organization_id, '"
                    + table + "', id FROM " + table + """
                     ON CONFLICT (organization_id, source_table, source_id) DO UPDATE
                       SET enqueued_at = clock_timestamp(), next_attempt_at = clock_timestamp(), attempts = 0,
                           last_error = NULL, leased_until = NULL
                    """).update();
        }
        return pending(j);
    }

    /** Queues the rows that have vectors of another model than {@code model} (after the provider was switched). */
    public int enqueueOtherModels(JdbcClient j, String model) {
        return j.sql("""
                INSERT INTO embedding_queue (organization_id, source_table, source_id)
                SELECT DISTINCT organization_id, source_table, source_id FROM embeddings WHERE model <> :model
                ON CONFLICT (organization_id, source_table, source_id) DO NOTHING
                """).param("model", model).update();
    }

    public boolean hasOtherModels(JdbcClient j, String model) {
        return j.sql("SELECT EXISTS (SELECT 1 FROM embeddings WHERE model <> :model)").param("model", model)
                .query(Boolean.class).single();
    }

    /** Rows waiting, due or not. */
    public long pending(JdbcClient j) {
        return j.sql("SELECT count(*) FROM embedding_queue").query(Long.class).single();
    }

    /** Rows that may be claimed now or once their lease runs out (not waiting for a retry). */
    public long due(JdbcClient j) {
        return j.sql("SELECT count(*) FROM embedding_queue WHERE next_attempt_at <= clock_timestamp()").query(Long.class).single();
    }

    /** When the oldest waiting row was queued, if any. */
    public java.util.Optional<Instant> oldest(JdbcClient j) {
        return j.sql("SELECT min(enqueued_at) FROM embedding_queue").query(OffsetDateTime.class).optional()
                .map(OffsetDateTime::toInstant);
    }
}

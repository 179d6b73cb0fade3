package io.revtops.search.indexing;

import io.revtops.search.VectorSupport;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code embeddings} rows of documents: which chunk hashes are stored, storing new vectors, removing stale ones. */
@Repository
public class EmbeddingStore {
    private static final String UPSERT = """
            INSERT INTO embeddings (organization_id, source_table, source_id, chunk_index, content_hash, model, dimensions,
                                    chunk_text, embedding)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (organization_id, source_table, source_id, chunk_index, model) DO UPDATE
               SET content_hash = EXCLUDED.content_hash, dimensions = EXCLUDED.dimensions,
                   chunk_text = EXCLUDED.chunk_text, embedding = EXCLUDED.embedding, created_at = now()
            """;

    /** A chunk with its vector, ready to store. */
    public record StoredChunk(UUID orgId, String sourceTable, UUID sourceId, int index, String hash, String text, float[] vector) {}

    private final JdbcTemplate template;
    private final VectorSupport vectors;

    public EmbeddingStore(DataSource dataSource, VectorSupport vectors) {
        // joins the surrounding transaction (same DataSource): used for JDBC batches, which JdbcClient lacks
        this.template = new JdbcTemplate(dataSource);
        this.vectors = vectors;
    }

    /** Stored chunk hashes of these documents for {@code model}: source id → chunk index → hash. */
    public Map<UUID, Map<Integer, String>> hashes(JdbcClient j, UUID orgId, String table, List<UUID> ids, String model) {
        Map<UUID, Map<Integer, String>> out = new HashMap<>();
        j.sql("""
                SELECT source_id, chunk_index, content_hash FROM embeddings
                 WHERE organization_id = :org AND source_table = :table AND model = :model
                   AND source_id = ANY (CAST(:ids AS uuid[]))
                """).param("org", orgId).param("table", table).param("model", model)
                .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, n) -> out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>())
                        .put(rs.getInt(2), rs.getString(3)))
                .list();
        return out;
    }

    /** Inserts or replaces these chunks' vectors (one JDBC batch). */
    public void store(List<StoredChunk> chunks, String model) {
        if (chunks.isEmpty()) return;
        template.batchUpdate(UPSERT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                StoredChunk c = chunks.get(i);
                ps.setObject(1, c.orgId());
                ps.setString(2, c.sourceTable());
                ps.setObject(3, c.sourceId());
                ps.setInt(4, c.index());
                ps.setString(5, c.hash());
                ps.setString(6, model);
                ps.setInt(7, c.vector().length);
                ps.setString(8, c.text());
                vectors.bindQueryVector(ps, 9, c.vector());
            }

            @Override
            public int getBatchSize() {
                return chunks.size();
            }
        });
    }

    /**
     * Deletes what no longer belongs to these documents: chunks past their new chunk count, and every chunk of
     * another model (replaced by this model's).
     */
    public int prune(JdbcClient j, UUID orgId, String table, Map<UUID, Integer> chunkCounts, String model) {
        if (chunkCounts.isEmpty()) return 0;
        List<UUID> ids = List.copyOf(chunkCounts.keySet());
        return j.sql("""
                DELETE FROM embeddings e
                 USING unnest(CAST(:ids AS uuid[]), CAST(:counts AS int[])) AS k (id, n)
                 WHERE e.organization_id = :org AND e.source_table = :table AND e.source_id = k.id
                   AND (e.model <> :model OR e.chunk_index >= k.n)
                """).param("org", orgId).param("table", table).param("model", model)
                .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .param("counts", ids.stream().map(chunkCounts::get).toArray(Integer[]::new))
                .update();
    }

    /** Deletes every chunk of rows that no longer exist. */
    public int deleteAll(JdbcClient j, UUID orgId, String table, List<UUID> ids) {
        if (ids.isEmpty()) return 0;
        return j.sql("""
                DELETE FROM embeddings WHERE organization_id = :org AND source_table = :table
                   AND source_id = ANY (CAST(:ids AS uuid[]))
                """).param("org", orgId).param("table", table)
                .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new)).update();
    }
}

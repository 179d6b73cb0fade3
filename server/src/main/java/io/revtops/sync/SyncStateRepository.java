package io.revtops.sync;

import io.revtops.connectors.Checkpoint;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code sync_state}: each stream's checkpoint, saved in the same transaction as the page before it. */
@Repository
public class SyncStateRepository {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public Checkpoint load(JdbcClient j, UUID integrationId, String stream) {
        return j.sql("SELECT checkpoint FROM sync_state WHERE integration_id = :i AND stream = :s")
                .param("i", integrationId).param("s", stream).query(String.class).optional()
                .map(json -> new Checkpoint(JSON.readValue(json, new TypeReference<Map<String, String>>() {})))
                .orElse(Checkpoint.START);
    }

    public void save(JdbcClient j, UUID orgId, UUID integrationId, String stream, Checkpoint checkpoint) {
        j.sql("""
                INSERT INTO sync_state (organization_id, integration_id, stream, checkpoint, updated_at)
                VALUES (:o, :i, :s, CAST(:c AS jsonb), now())
                ON CONFLICT (integration_id, stream) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()
                """).param("o", orgId).param("i", integrationId).param("s", stream)
                .param("c", JSON.writeValueAsString(checkpoint.values())).update();
    }

    /** Forgets every checkpoint of an integration: its next sync lists everything again. */
    public int clear(JdbcClient j, UUID integrationId) {
        return j.sql("DELETE FROM sync_state WHERE integration_id = :i").param("i", integrationId).update();
    }

    public Optional<Checkpoint> find(JdbcClient j, UUID integrationId, String stream) {
        Checkpoint c = load(j, integrationId, stream);
        return c.isStart() ? Optional.empty() : Optional.of(c);
    }
}

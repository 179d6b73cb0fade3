package io.revtops.search;

import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.SyncedTable;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.sync.BatchResult;
import io.revtops.sync.RecordWriter;
import io.revtops.sync.SyncTarget;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes searchable rows the way a sync does (the real {@link RecordWriter}, so triggers and content hashes behave
 * as in production) and waits until the indexer has embedded everything queued.
 */
public final class SearchFixture {
    private final TestApi api;
    private final JdbcClient owner;
    private final TenantTx tx;
    private final RecordWriter writer;
    private final EmbeddingIndexer indexer;

    public SearchFixture(TestApi api, JdbcClient owner, TenantTx tx, RecordWriter writer, EmbeddingIndexer indexer) {
        this.api = api;
        this.owner = owner;
        this.tx = tx;
        this.writer = writer;
        this.indexer = indexer;
    }

    public Session newOrg(String name) {
        return api.devLogin(name + "@s" + UUID.randomUUID().toString().substring(0, 8) + ".test");
    }

    public Session member(Session admin, String name) {
        String email = owner.sql("SELECT email FROM users WHERE id = :u").param("u", admin.userId()).query(String.class).single();
        return api.devLogin(name + "@" + email.substring(email.indexOf('@') + 1));
    }

    /** An organization-wide integration (team-visible rows). */
    public SyncTarget teamTarget(Session s, String provider) {
        return new SyncTarget(s.orgId(), integration(s, provider, null), provider, Optional.empty(), false);
    }

    /** A personal integration of {@code s} that does not share its rows: they are owner-only. */
    public SyncTarget personalTarget(Session s, String provider) {
        return new SyncTarget(s.orgId(), integration(s, provider, s.userId()), provider, Optional.of(s.userId()), false);
    }

    private UUID integration(Session s, String provider, UUID user) {
        return owner.sql("""
                INSERT INTO integrations (organization_id, provider, user_id, scope) VALUES (:o, :p, :u, :scope) RETURNING id
                """).param("o", s.orgId()).param("p", provider).param("u", user)
                .param("scope", user == null ? "organization" : "user").query(UUID.class).single();
    }

    public BatchResult write(Session as, SyncTarget target, SyncedTable table, List<SyncedRecord> records) {
        return tx.run(Tenant.of(target.orgId(), as.userId()), j -> writer.write(j, target, table, records));
    }

    public static SyncedRecord email(String sourceId, String subject, String body, Instant at) {
        return SyncedRecord.of(SyncedTable.ACTIVITIES, sourceId).set("type", "email").set("subject", subject)
                .set("description", body).set("activity_date", at).build();
    }

    public static SyncedRecord meeting(String sourceId, String title, String summary, String transcript, Instant at) {
        return SyncedRecord.of(SyncedTable.MEETINGS, sourceId).set("title", title).set("summary", summary)
                .set("transcript", transcript).set("start_time", at).build();
    }

    public UUID id(String table, UUID org, String sourceId) {
        return owner.sql("SELECT id FROM " + table + " WHERE organization_id = :o AND source_id = :s")
                .param("o", org).param("s", sourceId).query(UUID.class).single();
    }

    /** Drains the embedding queue (shared with the background job) until it is empty. */
    public void indexAll() {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (indexer.pending() > 0) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the embedding queue did not drain: " + indexer.pending());
            var drained = indexer.drain(Duration.ofMinutes(1));
            if (drained.failures() > 0) throw new IllegalStateException("embedding failed");
            if (drained.documents() == 0) pause(); // rows leased by the background job: wait for it
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.revtops.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revtops.testing.RevtopsTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** (organization_id, source_system, source_id) identifies a synced record: a re-sync updates, never duplicates. */
@RevtopsTest
class SyncKeyTest {
    @Autowired TenantTx tx;
    @Autowired JdbcClient owner;

    static final List<String> SYNCED_TABLES = List.of("accounts", "contacts", "deals", "pipelines", "pipeline_stages", "goals",
            "activities", "meetings", "tracker_teams", "tracker_projects", "tracker_issues", "github_repositories",
            "github_commits", "github_pull_requests", "shared_files");

    UUID org() {
        return owner.sql("INSERT INTO organizations (name, handle) VALUES ('S', :h) RETURNING id")
                .param("h", "sync-" + UUID.randomUUID().toString().substring(0, 8)).query(UUID.class).single();
    }

    int upsertAccount(UUID org, String name) {
        return tx.run(Tenant.org(org), j -> j.sql("""
                INSERT INTO accounts (organization_id, source_system, source_id, name, domain)
                VALUES (:o, 'hubspot', '1001', :n, 'acme.example')
                ON CONFLICT (organization_id, source_system, source_id) DO UPDATE SET name = EXCLUDED.name
                """).param("o", org).param("n", name).update());
    }

    @Test
    void upsertingTheSameSourceRecordTwiceUpdatesOneRow() {
        UUID org = org();
        upsertAccount(org, "Acme");
        upsertAccount(org, "Acme Corp");
        List<String> names = tx.run(Tenant.org(org), j -> j.sql("SELECT name FROM accounts WHERE source_id = '1001'")
                .query(String.class).list());
        assertThat(names).containsExactly("Acme Corp");
    }

    @Test
    void aPlainSecondInsertOfTheSameSourceRecordIsRefused() {
        UUID org = org();
        upsertAccount(org, "Acme");
        assertThatThrownBy(() -> tx.execute(Tenant.org(org), j -> j.sql("""
                INSERT INTO accounts (organization_id, source_system, source_id, name) VALUES (:o, 'hubspot', '1001', 'Dup')
                """).param("o", org).update())).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void theSameSourceIdInTwoOrganizationsIsTwoRecords() {
        UUID a = org();
        UUID b = org();
        upsertAccount(a, "Acme");
        upsertAccount(b, "Acme");
        assertThat(owner.sql("SELECT count(*) FROM accounts WHERE organization_id IN (:a, :b) AND source_id = '1001'")
                .param("a", a).param("b", b).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void everySyncedTableHasTheUniqueSourceKey() {
        for (String table : SYNCED_TABLES) {
            long keys = owner.sql("""
                    SELECT count(*) FROM pg_index i
                     WHERE i.indrelid = CAST(:t AS regclass) AND i.indisunique
                       AND (SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_attribute a
                             WHERE a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey))
                           = ARRAY['organization_id', 'source_id', 'source_system']
                    """).param("t", "public." + table).query(Long.class).single();
            assertThat(keys).as("unique (organization_id, source_system, source_id) on %s", table).isPositive();
        }
    }
}

package io.revtops.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.connectors.SyncedTable;
import io.revtops.platform.db.TenantTx;
import io.revtops.testing.sync.SyncEngineTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Statistics after a sync load: a table that later streams look rows up in is analyzed once a stream has loaded
 * many rows into it, so the planner sees its real size (and keeps those look-ups on the unique source-id index).
 */
@SyncEngineTest
class PlannerStatisticsTest {
    @Autowired RecordWriter writer;
    @Autowired TenantTx tx;
    @Autowired JdbcClient owner;

    boolean analyze(SyncedTable table, long inserted) {
        return tx.system("test", j -> writer.analyzeAfterLoad(j, table, inserted));
    }

    double plannerRows(String table) {
        return owner.sql("SELECT reltuples FROM pg_class WHERE oid = CAST(:t AS regclass)").param("t", table)
                .query(Double.class).single();
    }

    @Test
    void aLargeLoadIntoATableOthersLinkToRefreshesItsStatistics() {
        // statistics that do not match the table, as after a load the planner has not seen yet
        owner.sql("ANALYZE accounts").update();
        UUID org = owner.sql("INSERT INTO organizations (name, handle) VALUES ('Statistics', :h) RETURNING id")
                .param("h", "stats-" + UUID.randomUUID()).query(UUID.class).single();
        owner.sql("INSERT INTO accounts (organization_id, source_system, source_id, name)"
                + " SELECT :o, 'stats', 's' || g, 'Account ' || g FROM generate_series(1, 700) g").param("o", org).update();
        long rows = owner.sql("SELECT count(*) FROM accounts").query(Long.class).single();

        assertThat(analyze(SyncedTable.ACCOUNTS, 700)).isTrue();
        assertThat(plannerRows("accounts")).isEqualTo((double) rows);
    }

    @Test
    void aSmallLoadIsLeftToAutovacuum() {
        assertThat(analyze(SyncedTable.CONTACTS, 499)).isFalse();
    }

    @Test
    void aTableNothingLinksToIsNotAnalyzed() {
        assertThat(analyze(SyncedTable.ACTIVITIES, 1_000_000)).isFalse();
    }
}

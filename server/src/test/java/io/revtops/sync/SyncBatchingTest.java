package io.revtops.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.connectors.ConnectorException;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Session;
import io.revtops.testing.sync.CrmDataset;
import io.revtops.testing.sync.FakeConnectors;
import io.revtops.testing.sync.FakeVendor;
import io.revtops.testing.sync.SyncEvents;
import io.revtops.testing.sync.SyncFixture;
import io.revtops.testing.sync.SyncFixture.Run;
import io.revtops.testing.sync.SyncTestDatabaseInitializer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Several vendor pages written in one transaction ({@code revtops.sync.batch-rows}): the fake vendor sends pages of 7
 * records and the engine writes them in batches of at least 20 (three pages), with the checkpoint of the batch's last
 * page. A stop, a failing fetch and a disconnect keep exactly what was committed, and the next run resumes from there.
 * (The page-by-page engine tests, {@code SyncJobTest}, run with batches of one page.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "revtops.sync.batch-rows=20")
@ContextConfiguration(initializers = SyncTestDatabaseInitializer.class)
@Import(FakeConnectors.class)
class SyncBatchingTest {
    @LocalServerPort int port;
    @Autowired JdbcClient owner;
    @Autowired SyncService syncs;
    @Autowired FakeVendor vendor;
    @Autowired SyncEvents events;
    @Autowired SyncInterruptions interruptions;

    SyncFixture fx;
    Session admin;
    UUID integration;

    @BeforeEach
    void connectedCrm() {
        fx = new SyncFixture(new TestApi(port), owner, syncs);
        admin = fx.newOrg();
        integration = fx.connect(admin, "testcrm");
        CrmDataset.seed(vendor, integration);
    }

    Run sync() {
        return fx.sync(admin, integration, "testcrm");
    }

    /** The same data synced without interruption into another organization. */
    Session reference() {
        Session other = fx.newOrg();
        UUID ref = fx.connect(other, "testcrm");
        CrmDataset.seed(vendor, ref);
        assertThat(fx.sync(other, ref, "testcrm").status()).isEqualTo("completed");
        return other;
    }

    String checkpoint(String stream) {
        return owner.sql("SELECT checkpoint->>'version' FROM sync_state WHERE integration_id = :i AND stream = :s")
                .param("i", integration).param("s", stream).query(String.class).single();
    }

    @Test
    void pagesAreWrittenInBatchesWithTheCheckpointOfTheirLastPage() {
        Run run = sync();
        assertThat(run.status()).isEqualTo("completed");
        CrmDataset.counts().forEach((table, n) -> {
            assertThat(fx.count(table, admin.orgId())).as(table).isEqualTo((long) n);
            assertThat(run.count(table, "inserted")).as(table + " inserted").isEqualTo((long) n);
        });
        // 25 accounts in pages of 7: pages 1-3 in one batch, page 4 (the last) in another; progress per batch
        List<SyncProgress> progress = events.of(SyncProgress.class, integration);
        assertThat(progress).filteredOn(p -> p.entity().equals("accounts") && p.status().equals("running"))
                .extracting(SyncProgress::count).containsExactly(21L, 25L);
        assertThat(progress).filteredOn(p -> p.entity().equals("contacts") && p.status().equals("running"))
                .extracting(SyncProgress::count).containsExactly(21L, 42L, 50L);
        // a second run starts after the last batch's checkpoint: nothing new
        Run second = sync();
        assertThat(second.status()).isEqualTo("completed");
        for (String table : List.of("accounts", "contacts", "deals", "activities")) {
            assertThat(second.count(table, "inserted") + second.count(table, "updated")).as(table).isZero();
        }
    }

    @Test
    void aSyncStoppedAfterABatchResumesToTheSameStateWithoutDuplicates() {
        Session other = reference();
        // pages: pipelines 1, stages 2, accounts 3-5 and 6, contacts 7-9 (one batch): the stop after page 8 comes
        // when the batch holding it committed
        interruptions.stopAfterPage(integration, 8);
        Run interrupted = sync();
        assertThat(interrupted.status()).isEqualTo("failed");
        assertThat(interrupted.error()).contains("Interrupted after page 9");
        assertThat(fx.count("contacts", admin.orgId())).isEqualTo(21);
        assertThat(checkpoint("contacts")).isNotNull();

        Run resumed = sync();
        assertThat(resumed.status()).isEqualTo("completed");
        assertThat(resumed.count("contacts", "inserted")).isEqualTo(CrmDataset.CONTACTS - 21);
        assertThat(resumed.count("contacts", "updated") + resumed.count("contacts", "unchanged")).isZero();
        for (String table : CrmDataset.counts().keySet()) {
            assertThat(fx.dump(table, admin.orgId())).as(table).isEqualTo(fx.dump(table, other.orgId()));
        }
    }

    @Test
    void aFailingFetchKeepsThePagesFetchedBeforeItAndTheNextRunResumesAfterThem() {
        // fetches: pipelines 1, stages 2, accounts 3-6, contacts 7-14, deals 15 (7 deals, a batch not yet full), 16 fails
        vendor.hook(integration, (stream, n) -> {
            if (stream.name().equals("deals") && n == 16) throw new ConnectorException.Unavailable("503 after 5 attempts");
        });
        Run failed = sync();
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.error()).startsWith("TestCRM is unavailable");
        assertThat(fx.count("deals", admin.orgId())).isEqualTo(7);

        vendor.hook(integration, (stream, n) -> {});
        Run resumed = sync();
        assertThat(resumed.status()).isEqualTo("completed");
        assertThat(resumed.count("deals", "inserted")).isEqualTo(CrmDataset.DEALS - 7);
        assertThat(fx.count("deals", admin.orgId())).isEqualTo(CrmDataset.DEALS);
    }

    @Test
    void disconnectingDuringABatchWritesNothingOfIt() throws Exception {
        FakeVendor.Pause onSecondAccountsPage = vendor.pauseAt(integration, 4);
        long before = fx.finishedRuns(integration);
        syncs.requestProvider(admin.orgId(), admin.userId(), "testcrm", "test");
        assertThat(onSecondAccountsPage.awaitReached()).isTrue();
        var r = new TestApi(port).delete("/api/integrations/" + integration, admin.caller());
        assertThat(r.status()).isEqualTo(200);
        onSecondAccountsPage.release();
        Run run = fx.awaitRun(integration, before);
        assertThat(run.status()).isEqualTo("cancelled");
        // no request after the disconnect, and the two accounts pages fetched before it (a batch not yet full) unwritten
        assertThat(vendor.fetches(integration)).isEqualTo(4);
        assertThat(fx.count("pipelines", admin.orgId())).isEqualTo(CrmDataset.PIPELINES);
        assertThat(fx.count("accounts", admin.orgId())).isZero();
    }

    @Test
    void anIncrementalSyncAppliesChangesAndDeletionsSpreadOverOneBatch() {
        sync();
        for (int i = 1; i <= 10; i++) vendor.put(integration, "accounts", CrmDataset.account(i, "Renamed " + i));
        for (int i = 21; i <= 23; i++) vendor.delete(integration, "accounts", "a" + i);
        Run run = sync();
        assertThat(run.count("accounts", "updated")).isEqualTo(10);
        assertThat(run.count("accounts", "deleted")).isEqualTo(3);
        assertThat(run.count("accounts", "inserted")).isZero();
        assertThat(fx.dump("accounts", admin.orgId())).hasSize(CrmDataset.ACCOUNTS - 3).doesNotContainKeys("a21", "a22", "a23");
    }

    @Test
    void deletionOnlyPagesAreBatchedByTheirDeletionsToo() {
        sync();
        for (int i = 1; i <= CrmDataset.ACCOUNTS; i++) vendor.delete(integration, "accounts", "a" + i);
        // pipelines 1, stages 2, then the accounts' deletions in pages of 7: pages 3-5 (21 deletions) are one batch
        interruptions.stopAfterPage(integration, 3);
        Run interrupted = sync();
        assertThat(interrupted.status()).isEqualTo("failed");
        assertThat(interrupted.count("accounts", "deleted")).isEqualTo(21);
        assertThat(fx.count("accounts", admin.orgId())).isEqualTo(CrmDataset.ACCOUNTS - 21);
        Run resumed = sync();
        assertThat(resumed.status()).isEqualTo("completed");
        assertThat(resumed.count("accounts", "deleted")).isEqualTo(CrmDataset.ACCOUNTS - 21);
        assertThat(fx.count("accounts", admin.orgId())).isZero();
    }
}

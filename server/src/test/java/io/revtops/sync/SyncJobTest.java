package io.revtops.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.Page;
import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.SyncedTable;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Session;
import io.revtops.testing.sync.CrmDataset;
import io.revtops.testing.sync.FakeVendor;
import io.revtops.testing.sync.SyncEngineTest;
import io.revtops.testing.sync.SyncEvents;
import io.revtops.testing.sync.SyncFixture;
import io.revtops.testing.sync.SyncFixture.Run;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sync engine end to end on a worker: pages, checkpoints, upserts, deletions, failures (SPEC §3). */
@SyncEngineTest
class SyncJobTest {
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

    Map<String, Instant> updatedAt(String table) {
        Map<String, Instant> m = new HashMap<>();
        owner.sql("SELECT source_id, updated_at FROM " + table + " WHERE organization_id = :o").param("o", admin.orgId())
                .query((rs, n) -> m.put(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
        return m;
    }

    @Nested
    class FullSync {
        @Test
        void insertsExactlyTheVendorsRecordsPerTable() {
            Run run = sync();
            assertThat(run.status()).isEqualTo("completed");
            CrmDataset.counts().forEach((table, n) -> {
                assertThat(fx.count(table, admin.orgId())).as(table).isEqualTo((long) n);
                assertThat(run.count(table, "inserted")).as(table + " inserted").isEqualTo((long) n);
            });
        }

        @Test
        void linksEveryChildToItsParent() {
            sync();
            long unlinked = owner.sql("""
                    SELECT (SELECT count(*) FROM contacts WHERE organization_id = :o AND account_id IS NULL)
                         + (SELECT count(*) FROM deals WHERE organization_id = :o
                             AND (account_id IS NULL OR stage_id IS NULL OR pipeline_id IS NULL))
                         + (SELECT count(*) FROM pipeline_stages WHERE organization_id = :o AND pipeline_id IS NULL)
                    """).param("o", admin.orgId()).query(Long.class).single();
            assertThat(unlinked).isZero();
        }

        @Test
        void recordsTheRunAndMarksTheIntegrationSynced() {
            Run run = sync();
            var row = owner.sql("SELECT status, last_sync_at IS NOT NULL AS synced, last_error FROM integrations WHERE id = :i")
                    .param("i", integration).query().singleRow();
            assertThat(row.get("status")).isEqualTo("active");
            assertThat(row.get("synced")).isEqualTo(true);
            assertThat(row.get("last_error")).isNull();
            assertThat(run.error()).isNull();
            assertThat(owner.sql("SELECT finished_at >= started_at FROM sync_runs WHERE id = :r").param("r", run.id())
                    .query(Boolean.class).single()).isTrue();
        }

        @Test
        void publishesProgressPerPageAndCompletedAtTheEnd() {
            sync();
            List<SyncProgress> progress = events.of(SyncProgress.class, integration);
            assertThat(progress).filteredOn(p -> p.entity().equals("accounts") && p.status().equals("running"))
                    .extracting(SyncProgress::count).containsExactly(7L, 14L, 21L, 25L);
            assertThat(progress).filteredOn(p -> p.status().equals("completed")).extracting(SyncProgress::entity)
                    .containsExactly("pipelines", "pipeline_stages", "accounts", "contacts", "deals", "activities", "all");
            List<SyncCompleted> completed = events.of(SyncCompleted.class, integration);
            assertThat(completed).hasSize(1);
            assertThat(completed.getFirst().counts().get("deals").inserted()).isEqualTo(CrmDataset.DEALS);
        }
    }

    @Nested
    class Resync {
        @Test
        void aSecondSyncFetchesNothingNewAndChangesNothing() {
            sync();
            Map<String, Instant> before = updatedAt("accounts");
            Run second = sync();
            assertThat(second.status()).isEqualTo("completed");
            assertThat(second.count("accounts", "inserted") + second.count("accounts", "updated")).isZero();
            assertThat(updatedAt("accounts")).isEqualTo(before);
        }

        @Test
        void aFullRelistingLeavesUnchangedRowsUnwritten() {
            sync();
            Map<String, Instant> accounts = updatedAt("accounts");
            Map<String, Instant> deals = updatedAt("deals");
            owner.sql("DELETE FROM sync_state WHERE integration_id = :i").param("i", integration).update();
            Run relisted = sync();
            assertThat(relisted.count("accounts", "unchanged")).isEqualTo(CrmDataset.ACCOUNTS);
            assertThat(relisted.count("deals", "unchanged")).isEqualTo(CrmDataset.DEALS);
            assertThat(relisted.count("accounts", "updated") + relisted.count("deals", "updated")).isZero();
            assertThat(updatedAt("accounts")).isEqualTo(accounts);
            assertThat(updatedAt("deals")).isEqualTo(deals);
        }
    }

    @Nested
    class Incremental {
        @Test
        void appliesExactlyTheModifiedAndDeletedRecords() {
            sync();
            Map<String, Instant> before = updatedAt("accounts");
            for (int i = 1; i <= 10; i++) vendor.put(integration, "accounts", CrmDataset.account(i, "Renamed " + i));
            for (int i = 21; i <= 23; i++) vendor.delete(integration, "accounts", "a" + i);
            Run run = sync();
            assertThat(run.count("accounts", "updated")).isEqualTo(10);
            assertThat(run.count("accounts", "deleted")).isEqualTo(3);
            assertThat(run.count("accounts", "inserted")).isZero();
            Map<String, Instant> after = updatedAt("accounts");
            assertThat(after).hasSize(CrmDataset.ACCOUNTS - 3).doesNotContainKeys("a21", "a22", "a23");
            for (int i = 1; i <= CrmDataset.ACCOUNTS; i++) {
                String id = "a" + i;
                if (i <= 10) assertThat(after.get(id)).as(id).isAfter(before.get(id));
                else if (i < 21 || i > 23) assertThat(after.get(id)).as(id).isEqualTo(before.get(id));
            }
            assertThat(owner.sql("SELECT name FROM accounts WHERE organization_id = :o AND source_id = 'a7'")
                    .param("o", admin.orgId()).query(String.class).single()).isEqualTo("Renamed 7");
        }

        @Test
        void contactsOfADeletedAccountLoseTheLinkButStay() {
            sync();
            vendor.delete(integration, "accounts", "a5");
            sync();
            var row = owner.sql("SELECT count(*) AS n, count(account_id) AS linked FROM contacts WHERE organization_id = :o AND account_source_id = 'a5'")
                    .param("o", admin.orgId()).query().singleRow();
            assertThat(row.get("n")).isEqualTo(2L);
            assertThat(row.get("linked")).isEqualTo(0L);
        }
    }

    @Nested
    class Resume {
        @Test
        void aSyncStoppedAfterAPageResumesToTheSameStateWithoutDuplicates() {
            // reference: the same data synced without interruption in another organization
            Session other = fx.newOrg();
            UUID reference = fx.connect(other, "testcrm");
            CrmDataset.seed(vendor, reference);
            fx.sync(other, reference, "testcrm");

            // pipelines (1 page) + stages (1) + accounts (4) + contacts: stop after the 2nd page of contacts
            interruptions.stopAfterPage(integration, 8);
            Run interrupted = sync();
            assertThat(interrupted.status()).isEqualTo("failed");
            assertThat(interrupted.error()).contains("Interrupted after page 8");
            assertThat(fx.count("contacts", admin.orgId())).isEqualTo(14);
            assertThat(owner.sql("SELECT checkpoint->>'version' FROM sync_state WHERE integration_id = :i AND stream = 'contacts'")
                    .param("i", integration).query(String.class).single()).isNotNull();

            int fetchesBefore = vendor.fetches(integration);
            Run resumed = sync();
            assertThat(resumed.status()).isEqualTo("completed");
            // contacts resume at their third page: 50 - 14 = 36 contacts left
            assertThat(resumed.count("contacts", "inserted")).isEqualTo(36);
            assertThat(vendor.fetches(integration) - fetchesBefore).isGreaterThan(0);
            for (String table : CrmDataset.counts().keySet()) {
                assertThat(fx.dump(table, admin.orgId())).as(table).isEqualTo(fx.dump(table, other.orgId()));
            }
        }
    }

    @Nested
    class Sweep {
        @Test
        void rowsMissingFromAFullListingAreDeleted() {
            sync();
            vendor.delete(integration, "pipeline_stages", "p2-s3");
            Run run = sync();
            assertThat(run.count("pipeline_stages", "deleted")).isEqualTo(1);
            assertThat(fx.dump("pipeline_stages", admin.orgId())).doesNotContainKey("p2-s3").hasSize(CrmDataset.STAGES - 1);
            assertThat(owner.sql("SELECT count(*) FROM deals WHERE organization_id = :o AND stage_source_id = 'p2-s3' AND stage_id IS NOT NULL")
                    .param("o", admin.orgId()).query(Long.class).single()).isZero();
        }

        @Test
        void sweepStreamsListFromTheStartEveryTime() {
            sync();
            int before = vendor.fetches(integration);
            sync();
            // a sweep stream is listed in full again: one page each for pipelines and stages, one empty page per delta stream
            assertThat(vendor.fetches(integration) - before).isEqualTo(6);
            assertThat(owner.sql("SELECT count(*) FROM sync_state WHERE integration_id = :i AND stream LIKE 'pipeline%'")
                    .param("i", integration).query(Long.class).single()).isZero();
        }
    }

    @Nested
    class Failures {
        @Test
        void revokedCredentialsMarkTheIntegrationNeedsReconnectAfterOneFetch() {
            vendor.hook(integration, (stream, n) -> {
                throw new ConnectorException.NeedsReconnect("TestCRM");
            });
            Run run = sync();
            assertThat(run.status()).isEqualTo("failed");
            assertThat(run.error()).isEqualTo("Reconnect TestCRM");
            assertThat(vendor.fetches(integration)).isEqualTo(1);
            var row = owner.sql("SELECT status, last_error FROM integrations WHERE id = :i").param("i", integration).query().singleRow();
            assertThat(row.get("status")).isEqualTo("needs_reconnect");
            assertThat(row.get("last_error")).isEqualTo("Reconnect TestCRM");
            // no retry loop: the job is done and nothing is queued
            assertThat(syncs.queuedOrRunning(integration)).isFalse();
            assertThat(events.of(SyncFailed.class, integration)).extracting(SyncFailed::error).containsExactly("Reconnect TestCRM");
        }

        @Test
        void missingCredentialsStopTheSyncBeforeAnyFetch() {
            owner.sql("DELETE FROM integration_credentials WHERE integration_id = :i").param("i", integration).update();
            Run run = sync();
            assertThat(run.error()).isEqualTo("Reconnect TestCRM");
            assertThat(vendor.fetches(integration)).isZero();
            assertThat(owner.sql("SELECT status FROM integrations WHERE id = :i").param("i", integration).query(String.class).single())
                    .isEqualTo("needs_reconnect");
        }

        @Test
        void anUnavailableVendorFailsTheRunAndTheNextRunResumes() {
            vendor.hook(integration, (stream, n) -> {
                if (stream.name().equals("deals") && n == 16) throw new ConnectorException.Unavailable("503 after 5 attempts");
            });
            Run failed = sync();
            assertThat(failed.status()).isEqualTo("failed");
            assertThat(failed.error()).startsWith("TestCRM is unavailable");
            assertThat(owner.sql("SELECT status FROM integrations WHERE id = :i").param("i", integration).query(String.class).single())
                    .isEqualTo("active");
            long dealsBefore = fx.count("deals", admin.orgId());
            assertThat(dealsBefore).isEqualTo(7);

            vendor.hook(integration, (stream, n) -> {});
            Run resumed = sync();
            assertThat(resumed.status()).isEqualTo("completed");
            assertThat(resumed.count("deals", "inserted")).isEqualTo(CrmDataset.DEALS - 7);
            assertThat(fx.count("deals", admin.orgId())).isEqualTo(CrmDataset.DEALS);
            assertThat(owner.sql("SELECT last_error IS NULL FROM integrations WHERE id = :i").param("i", integration)
                    .query(Boolean.class).single()).isTrue();
        }
    }

    @Nested
    class Cancellation {
        @Test
        void disconnectingDuringASyncStopsItBetweenPages() throws Exception {
            FakeVendor.Pause onSecondPage = vendor.pauseAt(integration, 3);
            long before = fx.finishedRuns(integration);
            syncs.requestProvider(admin.orgId(), admin.userId(), "testcrm", "test");
            assertThat(onSecondPage.awaitReached()).isTrue();
            var r = new TestApi(port).delete("/api/integrations/" + integration, admin.caller());
            assertThat(r.status()).isEqualTo(200);
            onSecondPage.release();
            Run run = fx.awaitRun(integration, before);
            assertThat(run.status()).isEqualTo("cancelled");
            assertThat(vendor.fetches(integration)).isEqualTo(3);
            // what was written before the disconnect stays; nothing fetched after it was written
            assertThat(fx.count("pipelines", admin.orgId())).isEqualTo(CrmDataset.PIPELINES);
            assertThat(fx.count("pipeline_stages", admin.orgId())).isEqualTo(CrmDataset.STAGES);
            assertThat(fx.count("accounts", admin.orgId())).isZero();
            assertThat(events.of(SyncFailed.class, integration)).extracting(SyncFailed::cancelled).containsExactly(true);
        }
    }

    @Nested
    class BadVendorData {
        @Test
        void invalidFieldsAreDroppedAndTheRecordKept() {
            vendor.put(integration, "accounts", SyncedRecord.of(SyncedTable.ACCOUNTS, "a1").set("name", "Messy\u0000 Corp")
                    .set("employee_count", "lots").set("annual_revenue", "12.5e3").set("domain", "x".repeat(150_000)).build());
            vendor.put(integration, "deals", SyncedRecord.of(SyncedTable.DEALS, "d1").set("name", "Odd deal")
                    .set("close_date", "2026-13-45").set("amount", List.of(1, 2)).set("is_closed", "maybe").build());
            Run run = sync();
            assertThat(run.status()).isEqualTo("completed");
            var account = owner.sql("SELECT name, employee_count, annual_revenue, length(domain) AS len FROM accounts WHERE organization_id = :o AND source_id = 'a1'")
                    .param("o", admin.orgId()).query().singleRow();
            assertThat(account.get("name")).isEqualTo("Messy Corp");
            assertThat(account.get("employee_count")).isNull();
            assertThat(account.get("annual_revenue").toString()).isEqualTo("12500");
            assertThat(account.get("len")).isEqualTo(100_000);
            var deal = owner.sql("SELECT close_date, amount, is_closed FROM deals WHERE organization_id = :o AND source_id = 'd1'")
                    .param("o", admin.orgId()).query().singleRow();
            assertThat(deal.get("close_date")).isNull();
            assertThat(deal.get("amount")).isNull();
            assertThat(deal.get("is_closed")).isEqualTo(false);
            assertThat(run.count("accounts", "warnings")).isEqualTo(3);
            assertThat(run.count("deals", "warnings")).isEqualTo(3);
            assertThat(run.counts().path("problems").toString()).contains("employee_count", "close_date").doesNotContain("lots");
        }

        @Test
        void aRecordWithoutItsRequiredFieldIsReportedAndTheOthersAreWritten() {
            vendor.put(integration, "accounts", SyncedRecord.of(SyncedTable.ACCOUNTS, "a2").set("domain", "nameless.example").build());
            vendor.put(integration, "activities", SyncedRecord.of(SyncedTable.ACTIVITIES, "act3").set("type", "fax").set("subject", "?").build());
            Run run = sync();
            assertThat(run.status()).isEqualTo("completed");
            assertThat(run.count("accounts", "failed")).isEqualTo(1);
            assertThat(run.count("accounts", "inserted")).isEqualTo(CrmDataset.ACCOUNTS - 1);
            assertThat(run.count("activities", "failed")).isEqualTo(1);
            assertThat(fx.dump("accounts", admin.orgId())).doesNotContainKey("a2").hasSize(CrmDataset.ACCOUNTS - 1);
            assertThat(run.counts().path("problems").toString()).contains("a2", "required field 'name'", "act3");
        }

        @Test
        void recordsTheConnectorCouldNotReadAreCountedAsFailed() {
            vendor.failures(integration, "contacts", List.of(new Page.RecordFailure("c9-9", "unknown enum value 'ZZ'")));
            Run run = sync();
            assertThat(run.status()).isEqualTo("completed");
            assertThat(run.count("contacts", "failed")).isEqualTo(1);
            assertThat(run.count("contacts", "inserted")).isEqualTo(CrmDataset.CONTACTS);
            assertThat(run.counts().path("problems").toString()).contains("c9-9", "unknown enum value");
        }
    }

    @Test
    void childrenSyncedBeforeTheirParentsAreLinkedByTheEndOfTheSync() {
        UUID reversed = fx.connect(admin, "testcrm_reversed");
        CrmDataset.seed(vendor, reversed);
        Run run = fx.sync(admin, reversed, "testcrm_reversed");
        assertThat(run.status()).isEqualTo("completed");
        long unlinked = owner.sql("""
                SELECT (SELECT count(*) FROM contacts WHERE organization_id = :o AND source_system = 'testcrm_reversed' AND account_id IS NULL)
                     + (SELECT count(*) FROM deals WHERE organization_id = :o AND source_system = 'testcrm_reversed'
                         AND (account_id IS NULL OR stage_id IS NULL OR pipeline_id IS NULL))
                     + (SELECT count(*) FROM activities WHERE organization_id = :o AND source_system = 'testcrm_reversed'
                         AND (account_id IS NULL OR contact_id IS NULL))
                """).param("o", admin.orgId()).query(Long.class).single();
        assertThat(unlinked).isZero();
        assertThat(owner.sql("""
                SELECT count(*) FROM contacts c JOIN accounts a ON a.id = c.account_id
                 WHERE c.organization_id = :o AND c.source_system = 'testcrm_reversed' AND a.source_id = c.account_source_id
                """).param("o", admin.orgId()).query(Long.class).single()).isEqualTo(CrmDataset.CONTACTS);
    }

    @Test
    void ownersAreResolvedThroughIdentityMappings() {
        owner.sql("""
                INSERT INTO identity_mappings (organization_id, source_system, external_id, user_id)
                VALUES (:o, 'testcrm', 'owner-1', :u)
                """).param("o", admin.orgId()).param("u", admin.userId()).update();
        sync();
        assertThat(owner.sql("SELECT count(*) FROM deals WHERE organization_id = :o AND owner_user_id = :u")
                .param("o", admin.orgId()).param("u", admin.userId()).query(Long.class).single()).isEqualTo(10);
        assertThat(owner.sql("SELECT count(*) FROM deals WHERE organization_id = :o AND owner_source_id <> 'owner-1' AND owner_user_id IS NOT NULL")
                .param("o", admin.orgId()).query(Long.class).single()).isZero();
    }
}

package io.revtops.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.connectors.integrations.IntegrationRepository;
import io.revtops.platform.db.TenantTx;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Response;
import io.revtops.testing.TestApi.Session;
import io.revtops.testing.sync.CrmDataset;
import io.revtops.testing.sync.FakeVendor;
import io.revtops.testing.sync.SyncEngineTest;
import io.revtops.testing.sync.SyncFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code /api/sync/{org}}: on-demand syncs and their status (SPEC §3). */
@SyncEngineTest
class SyncApiTest {
    @LocalServerPort int port;
    @Autowired JdbcClient owner;
    @Autowired SyncService syncs;
    @Autowired FakeVendor vendor;
    @Autowired TenantTx tx;
    @Autowired IntegrationRepository integrations;

    TestApi api;
    SyncFixture fx;
    Session admin;
    UUID crm;

    @BeforeEach
    void connectedCrm() {
        api = new TestApi(port);
        fx = new SyncFixture(api, owner, syncs);
        admin = fx.newOrg();
        crm = fx.connect(admin, "testcrm");
        CrmDataset.seed(vendor, crm);
    }

    @Test
    void anotherOrganizationInThePathIs403() {
        Session stranger = fx.newOrg();
        for (String path : List.of("/testcrm", "/all", "/status")) {
            Response r = path.equals("/status") ? api.get("/api/sync/" + stranger.orgId() + path, admin.caller())
                    : api.post("/api/sync/" + stranger.orgId() + path, admin.caller(), Map.of());
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("wrong_organization");
        }
        assertThat(fx.finishedRuns(crm)).isZero();
        assertThat(syncs.queuedOrRunning(crm)).isFalse();
    }

    @Test
    void aSyncRequestIsAcceptedAndRunsOnAWorker() {
        Response r = api.post("/api/sync/" + admin.orgId() + "/testcrm", admin.caller(), Map.of());
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().path("status").asString()).isEqualTo("scheduled");
        assertThat(r.json().path("integration_id").asString()).isEqualTo(crm.toString());
        assertThat(fx.awaitRun(crm, 0).status()).isEqualTo("completed");
        assertThat(fx.count("deals", admin.orgId())).isEqualTo(CrmDataset.DEALS);
    }

    @Test
    void aSecondRequestWhileSyncingIsAnsweredAlreadySyncing() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        vendor.hook(crm, (stream, n) -> {
            if (n == 1) {
                started.countDown();
                await(release);
            }
        });
        assertThat(api.post("/api/sync/" + admin.orgId() + "/testcrm", admin.caller(), Map.of()).json().path("status").asString())
                .isEqualTo("scheduled");
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        Response second = api.post("/api/sync/" + admin.orgId() + "/testcrm", admin.caller(), Map.of());
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().path("status").asString()).isEqualTo("already_syncing");
        Response status = api.get("/api/sync/" + admin.orgId() + "/status", admin.caller());
        assertThat(status.json().path(0).path("state").asString()).isEqualTo("running");
        release.countDown();
        fx.awaitRun(crm, 0);
        assertThat(fx.finishedRuns(crm)).isEqualTo(1);
    }

    @Test
    void statusShowsTheLastRunWithItsCounts() {
        fx.sync(admin, crm, "testcrm");
        Response r = api.get("/api/sync/" + admin.orgId() + "/status", admin.caller());
        assertThat(r.status()).isEqualTo(200);
        var s = r.json().path(0);
        assertThat(s.path("provider").asString()).isEqualTo("testcrm");
        assertThat(s.path("state").asString()).isEqualTo("idle");
        assertThat(s.path("last_run").path("status").asString()).isEqualTo("completed");
        assertThat(s.path("last_run").path("counts").path("accounts").path("inserted").asInt()).isEqualTo(CrmDataset.ACCOUNTS);
        assertThat(s.path("last_sync_at").isMissingNode()).isFalse();
    }

    @Test
    void syncAllStartsEveryActiveIntegration() {
        UUID second = fx.connect(admin, "testcrm_reversed");
        Response r = api.post("/api/sync/" + admin.orgId() + "/all", admin.caller(), Map.of());
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().path("syncs").size()).isEqualTo(2);
        fx.awaitRun(crm, 0);
        fx.awaitRun(second, 0);
    }

    @Test
    void aProviderThatIsNotConnectedIs404AndAnUnknownOneIs400() {
        assertThat(api.post("/api/sync/" + admin.orgId() + "/testmail", admin.caller(), Map.of()).status()).isEqualTo(404);
        assertThat(api.post("/api/sync/" + admin.orgId() + "/nope", admin.caller(), Map.of()).errorCode()).isEqualTo("unknown_connector");
    }

    @Test
    void anIntegrationNeedingReconnectionIs409ReconnectProvider() {
        owner.sql("UPDATE integrations SET status = 'needs_reconnect' WHERE id = :i").param("i", crm).update();
        Response r = api.post("/api/sync/" + admin.orgId() + "/testcrm", admin.caller(), Map.of());
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().path("error").path("message").asString()).isEqualTo("Reconnect TestCRM");
    }

    @Test
    void theCadenceFindsIntegrationsNotSyncedWithinTheInterval() {
        var due = tx.system("test", j -> integrations.dueForSync(j, List.of("testcrm"), Duration.ofHours(1)));
        assertThat(due).anyMatch(d -> d.integrationId().equals(crm));
        fx.sync(admin, crm, "testcrm");
        var after = tx.system("test", j -> integrations.dueForSync(j, List.of("testcrm"), Duration.ofHours(1)));
        assertThat(after).noneMatch(d -> d.integrationId().equals(crm));
        var withShortInterval = tx.system("test", j -> integrations.dueForSync(j, List.of("testcrm"), Duration.ZERO));
        assertThat(withShortInterval).anyMatch(d -> d.integrationId().equals(crm));
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

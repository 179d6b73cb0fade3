package io.revtops.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.simulators.Simulators;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Session;
import io.revtops.testing.sync.SyncFixture;
import io.revtops.testing.sync.SyncFixture.Run;
import io.revtops.testing.sync.SyncTestDatabaseInitializer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 3's acceptance, end to end: the real engine, HTTP layer and HubSpot/Salesforce connectors against the
 * vendor simulators over HTTP, with the demo company (scale 0.1) as the vendors' data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revtops.http.backoff-base=5ms", "revtops.http.backoff-cap=50ms", "revtops.http.request-timeout=2s", "revtops.http.max-attempts=12",
        "revtops.http.rate-limits.hubspot.default=10000/1s", "revtops.http.rate-limits.hubspot.search=10000/1s",
        "revtops.http.rate-limits.salesforce.default=10000/1s"})
@ContextConfiguration(initializers = SyncTestDatabaseInitializer.class)
class CrmSyncAcceptanceTest {
    static final Simulators SIMS = Simulators.start(DemoCompany.generate(42, 0.1), 0);

    @DynamicPropertySource
    static void nango(DynamicPropertyRegistry registry) {
        registry.add("revtops.credentials.nango.base-url", () -> SIMS.baseUrl("nango"));
        registry.add("revtops.credentials.nango.secret-key", () -> SIMS.credential("nango"));
    }

    @AfterAll
    static void stopSimulators() {
        SIMS.close();
    }

    @LocalServerPort int port;
    @Autowired JdbcClient owner;
    @Autowired SyncService syncs;
    @Autowired SyncInterruptions interruptions;

    TestApi api;
    SyncFixture fx;

    @BeforeEach
    void fixture() {
        api = new TestApi(port);
        fx = new SyncFixture(api, owner, syncs);
        SIMS.faults("hubspot").reset();
        SIMS.faults("salesforce").reset();
    }

    UUID connectStored(Session admin, String provider) {
        Map<String, Object> credentials = provider.equals("salesforce")
                ? Map.of("access_token", SIMS.credential(provider), "instance_url", SIMS.baseUrl(provider))
                : Map.of("access_token", SIMS.credential(provider));
        var r = api.post("/api/integrations/" + provider + "/connect", admin.caller(),
                Map.of("credentials", credentials, "config", Map.of("base_url", SIMS.baseUrl(provider))));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return UUID.fromString(r.json().path("id").asString());
    }

    long rows(String table, UUID org, String source) {
        return owner.sql("SELECT count(*) FROM " + table + " WHERE organization_id = :o AND source_system = :s")
                .param("o", org).param("s", source).query(Long.class).single();
    }

    Instant newestUpdate(UUID org) {
        return owner.sql("""
                SELECT max(u) FROM (SELECT max(updated_at) u FROM accounts WHERE organization_id = :o
                  UNION ALL SELECT max(updated_at) FROM contacts WHERE organization_id = :o
                  UNION ALL SELECT max(updated_at) FROM deals WHERE organization_id = :o
                  UNION ALL SELECT max(updated_at) FROM activities WHERE organization_id = :o) t
                """).param("o", org).query(java.sql.Timestamp.class).single().toInstant();
    }

    /** What the simulator serves, per normalized table, for one vendor. */
    static Map<String, Long> expectedHubSpot() {
        Map<String, Integer> c = SIMS.hubspot().counts();
        return Map.of("accounts", (long) c.get("companies"), "contacts", (long) c.get("contacts"), "deals", (long) c.get("deals"),
                "activities", (long) (c.get("calls") + c.get("emails") + c.get("meetings") + c.get("notes")),
                "pipeline_stages", (long) c.get("pipeline_stages"));
    }

    static Map<String, Long> expectedSalesforce() {
        Map<String, Integer> c = SIMS.salesforce().counts();
        return Map.of("accounts", (long) c.get("Account"), "contacts", (long) c.get("Contact"), "deals", (long) c.get("Opportunity"),
                "activities", (long) (c.get("Task") + c.get("Event")), "pipeline_stages", (long) c.get("OpportunityStage"));
    }

    @Nested
    class FullAndIncremental {
        @Test
        void aFullSyncOfBothCrmsYieldsExactlyTheVendorsCountsAndASecondSyncRewritesNothing() {
            Session admin = fx.newOrg();
            UUID hubspot = connectStored(admin, "hubspot");
            UUID salesforce = connectStored(admin, "salesforce");
            assertThat(fx.sync(admin, hubspot, "hubspot").status()).isEqualTo("completed");
            assertThat(fx.sync(admin, salesforce, "salesforce").status()).isEqualTo("completed");
            expectedHubSpot().forEach((table, n) -> assertThat(rows(table, admin.orgId(), "hubspot")).as("hubspot " + table).isEqualTo(n));
            expectedSalesforce().forEach((table, n) -> assertThat(rows(table, admin.orgId(), "salesforce")).as("salesforce " + table).isEqualTo(n));

            Instant before = newestUpdate(admin.orgId());
            Run again = fx.sync(admin, hubspot, "hubspot");
            assertThat(again.status()).isEqualTo("completed");
            assertThat(newestUpdate(admin.orgId())).isEqualTo(before);
            expectedHubSpot().forEach((table, n) -> assertThat(rows(table, admin.orgId(), "hubspot")).isEqualTo(n));
        }

        @Test
        void anIncrementalSyncAppliesExactlyTheTenModifiedAndThreeDeletedRecords() {
            Session admin = fx.newOrg();
            UUID hubspot = connectStored(admin, "hubspot");
            fx.sync(admin, hubspot, "hubspot");
            long deals = rows("deals", admin.orgId(), "hubspot");
            Instant before = Instant.now();
            List<String> touched = SIMS.hubspot().touch("deals", 10);
            List<String> archived = SIMS.hubspot().archive("contacts", 3);
            Run run = fx.sync(admin, hubspot, "hubspot");
            assertThat(run.status()).isEqualTo("completed");
            List<String> changed = owner.sql("SELECT source_id FROM deals WHERE organization_id = :o AND updated_at >= :t")
                    .param("o", admin.orgId()).param("t", java.sql.Timestamp.from(before)).query(String.class).list();
            assertThat(changed).containsExactlyInAnyOrderElementsOf(touched);
            assertThat(rows("deals", admin.orgId(), "hubspot")).isEqualTo(deals);
            assertThat(owner.sql("SELECT count(*) FROM contacts WHERE organization_id = :o AND source_id IN (:ids)")
                    .param("o", admin.orgId()).param("ids", archived).query(Long.class).single()).isZero();
            assertThat(run.count("contacts", "deleted")).isEqualTo(3);
        }
    }

    @Nested
    class Resilience {
        @Test
        void aSyncKilledAfterAPageResumesToTheSameStateAsAnUninterruptedOne() {
            Session straight = fx.newOrg();
            UUID a = connectStored(straight, "hubspot");
            fx.sync(straight, a, "hubspot");

            Session interrupted = fx.newOrg();
            UUID b = connectStored(interrupted, "hubspot");
            interruptions.stopAfterPage(b, 7);
            Run first = fx.sync(interrupted, b, "hubspot");
            assertThat(first.status()).isNotEqualTo("completed");
            Run second = fx.sync(interrupted, b, "hubspot");
            assertThat(second.status()).isEqualTo("completed");
            for (String table : List.of("accounts", "contacts", "deals", "activities", "pipeline_stages")) {
                assertThat(fx.dump(table, interrupted.orgId())).as(table).isEqualTo(fx.dump(table, straight.orgId()));
            }
        }

        @Test
        void rateLimitStormsServerErrorsAndTimeoutsAreSurvivedWithNothingLost() {
            Session admin = fx.newOrg();
            UUID hubspot = connectStored(admin, "hubspot");
            SIMS.faults("hubspot").rateLimitNext(6, 0).serverErrorNext(3).delayNext(2, Duration.ofSeconds(3));
            Run run = fx.sync(admin, hubspot, "hubspot");
            assertThat(run.status()).isEqualTo("completed");
            expectedHubSpot().forEach((table, n) -> assertThat(rows(table, admin.orgId(), "hubspot")).as(table).isEqualTo(n));
        }

        @Test
        void aTruncatedPageFailsTheRunAndTheNextRunResumesWithoutLossOrDuplicates() {
            Session admin = fx.newOrg();
            UUID hubspot = connectStored(admin, "hubspot");
            SIMS.faults("hubspot").truncateNext(1);
            Run first = fx.sync(admin, hubspot, "hubspot");
            if (!first.status().equals("completed")) {
                assertThat(fx.sync(admin, hubspot, "hubspot").status()).isEqualTo("completed");
            }
            expectedHubSpot().forEach((table, n) -> assertThat(rows(table, admin.orgId(), "hubspot")).as(table).isEqualTo(n));
        }

        @Test
        void aRevokedTokenStopsTheSyncWithReconnectHubSpotAndNoRetryLoop() {
            Session admin = fx.newOrg();
            UUID hubspot = connectStored(admin, "hubspot");
            String token = "revoked-" + UUID.randomUUID();
            SIMS.tokens().register(token, "hubspot");
            api.post("/api/integrations/hubspot/connect", admin.caller(), Map.of("credentials", Map.of("access_token", token),
                    "config", Map.of("base_url", SIMS.baseUrl("hubspot"))));
            SIMS.faults("hubspot").revoke(token);
            long before = SIMS.requests("hubspot").count("GET", "/crm");
            Run run = fx.sync(admin, hubspot, "hubspot");
            assertThat(run.status()).isEqualTo("failed");
            assertThat(run.error()).contains("Reconnect HubSpot");
            assertThat(owner.sql("SELECT status FROM integrations WHERE id = :i").param("i", hubspot).query(String.class).single())
                    .isEqualTo("needs_reconnect");
            assertThat(SIMS.requests("hubspot").count("GET", "/crm") - before).isLessThanOrEqualTo(3);
        }
    }

    @Nested
    class Nango {
        @Test
        void theTokenComesFromNangoAndARefreshedTokenIsUsedAfterExpiry() {
            Session admin = fx.newOrg();
            var r = api.post("/api/integrations/hubspot/connect", admin.caller(),
                    Map.of("nango_connection_id", SIMS.nangoConnectionId("hubspot"), "config", Map.of("base_url", SIMS.baseUrl("hubspot"))));
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            UUID hubspot = UUID.fromString(r.json().path("id").asString());
            assertThat(fx.sync(admin, hubspot, "hubspot").status()).isEqualTo("completed");
            SIMS.nango().expireNow(SIMS.nangoConnectionId("hubspot"), "hubspot");
            SIMS.hubspot().touch("deals", 2);
            Run after = fx.sync(admin, hubspot, "hubspot");
            assertThat(after.status()).as(after.error()).isEqualTo("completed");
        }
    }
}

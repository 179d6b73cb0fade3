package io.revtops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.simulators.Simulators;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.demo.Employee;
import io.revtops.sync.SyncService;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Session;
import io.revtops.testing.sync.SyncFixture;
import io.revtops.testing.sync.SyncFixture.Run;
import io.revtops.testing.sync.SyncTestDatabaseInitializer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * The demo seed on a small Acme demo company: the organization connected to every simulator through the real
 * connectors (Slack for the organization, Gmail as the admin's own mailbox), every sync completed, and a second seed
 * — what a restart on the same data dir does, with the simulators on new ports — adding no integration and no row.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revtops.demo.mode=false", "revtops.http.backoff-base=5ms", "revtops.http.backoff-cap=50ms"})
@ContextConfiguration(initializers = SyncTestDatabaseInitializer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoCompanySetupTest {
    static final DemoCompany COMPANY = DemoCompany.generate(42, 0.05, Instant.now().truncatedTo(ChronoUnit.DAYS));
    static final List<String> SYNCED = List.of("gmail", "hubspot", "salesforce", "slack");

    @LocalServerPort int port;
    @Autowired JdbcClient owner;
    @Autowired SyncService syncs;
    @Autowired DemoCompanySetup setup;

    Simulators sims;
    Simulators restarted;
    TestApi api;
    DemoCompanySetup.Seeded seeded;

    @BeforeAll
    void seedAndSync() {
        api = new TestApi(port);
        sims = Simulators.start(COMPANY, 0);
        seeded = setup.seed(sims);
        awaitSyncs(seeded, 0);
    }

    @AfterAll
    void stopSimulators() {
        sims.close();
        if (restarted != null) restarted.close();
    }

    /** Waits for every requested sync to have more than {@code finishedBefore} finished runs. */
    void awaitSyncs(DemoCompanySetup.Seeded s, long finishedBefore) {
        SyncFixture fx = new SyncFixture(api, owner, syncs);
        for (SyncService.SyncRequested r : s.syncs()) {
            Run run = fx.awaitRun(r.integrationId(), finishedBefore);
            assertThat(run.status()).as(r.provider() + ": " + run.error()).isEqualTo("completed");
        }
    }

    Employee admin() {
        return COMPANY.employees().getFirst();
    }

    long count(String sql) {
        return owner.sql(sql).param("o", seeded.orgId()).query(Long.class).single();
    }

    long gmailRowsVisibleTo(Session who) {
        var r = api.get("/api/data/activities?source_system=gmail&limit=1", who.caller());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.json().path("total").asLong();
    }

    @Test
    void slackIsConnectedForTheOrganizationAndGmailForTheAdminAlone() {
        assertThat(owner.sql("SELECT scope, coalesce(user_id::text, '') FROM integrations WHERE organization_id = :o AND provider = 'slack'")
                .param("o", seeded.orgId()).query((rs, n) -> rs.getString(1) + "|" + rs.getString(2)).single())
                .isEqualTo("organization|");
        assertThat(owner.sql("SELECT scope, user_id::text FROM integrations WHERE organization_id = :o AND provider = 'gmail'")
                .param("o", seeded.orgId()).query((rs, n) -> rs.getString(1) + "|" + rs.getString(2)).single())
                .isEqualTo("user|" + seeded.adminUserId());
    }

    @Test
    void everyDemoSyncIncludingSlackAndGmailIsRequestedAndCompletes() {
        assertThat(seeded.syncs()).extracting(SyncService.SyncRequested::provider).containsExactlyInAnyOrderElementsOf(SYNCED);
        assertThat(count("""
                SELECT count(DISTINCT i.provider) FROM sync_runs r JOIN integrations i ON i.id = r.integration_id
                 WHERE i.organization_id = :o AND r.status = 'completed' AND i.provider IN ('slack', 'gmail')
                """)).isEqualTo(2);
    }

    @Test
    void everyPublicSlackMessageIsASlackMessageActivity() {
        assertThat(sims.slack().publicMessageCount()).isPositive();
        assertThat(count("SELECT count(*) FROM activities WHERE organization_id = :o AND source_system = 'slack' AND type = 'slack_message'"))
                .isEqualTo(sims.slack().publicMessageCount());
    }

    @Test
    void slackMembersAreMappedToTheDemoEmployeesByEmail() {
        Map<String, UUID> userByEmail = new java.util.HashMap<>();
        owner.sql("SELECT lower(email), id FROM users WHERE lower(email) LIKE '%@' || :d").param("d", DemoCompanySetup.DOMAIN)
                .query((rs, n) -> userByEmail.put(rs.getString(1), rs.getObject(2, UUID.class))).list();
        for (Employee e : COMPANY.employees()) {
            UUID mapped = owner.sql("""
                    SELECT user_id FROM identity_mappings WHERE organization_id = :o AND source_system = 'slack' AND external_id = :x
                    """).param("o", seeded.orgId()).param("x", sims.slack().userIdOf(e.id())).query(UUID.class).single();
            assertThat(mapped).as(e.email()).isEqualTo(userByEmail.get(e.email().toLowerCase()));
        }
    }

    @Test
    void slackMessagesAreOwnedByTheirAuthors() {
        assertThat(count("""
                SELECT count(*) FROM activities WHERE organization_id = :o AND source_system = 'slack' AND owner_user_id IS NOT NULL
                """)).isPositive();
    }

    @Test
    void theAdminsEmailsAreOwnerOnlyAndOwnedByTheAdmin() {
        long emails = count("SELECT count(*) FROM activities WHERE organization_id = :o AND source_system = 'gmail' AND type = 'email'");
        assertThat(emails).isPositive();
        assertThat(owner.sql("""
                SELECT count(*) FROM activities WHERE organization_id = :o AND source_system = 'gmail'
                   AND visibility = 'owner_only' AND owner_user_id = :u
                """).param("o", seeded.orgId()).param("u", seeded.adminUserId()).query(Long.class).single()).isEqualTo(emails);
    }

    @Test
    void theAdminSeesTheirEmailsInTheDataBrowserAndAnotherMemberSeesNone() {
        Session admin = api.devLogin(admin().email());
        Session member = api.devLogin(COMPANY.employees().get(1).email());
        assertThat(admin.orgId()).isEqualTo(seeded.orgId());
        assertThat(member.orgId()).isEqualTo(seeded.orgId());

        assertThat(gmailRowsVisibleTo(admin))
                .isEqualTo(count("SELECT count(*) FROM activities WHERE organization_id = :o AND source_system = 'gmail'"))
                .isPositive();
        assertThat(gmailRowsVisibleTo(member)).isZero();
    }

    @Test
    void seedingAgainAfterARestartReusesEveryIntegrationAndDuplicatesNothing() {
        long integrations = count("SELECT count(*) FROM integrations WHERE organization_id = :o");
        long activities = count("SELECT count(*) FROM activities WHERE organization_id = :o");
        long mappings = count("SELECT count(*) FROM identity_mappings WHERE organization_id = :o");
        Map<UUID, Long> finished = new java.util.HashMap<>();
        SyncFixture fx = new SyncFixture(api, owner, syncs);
        seeded.syncs().forEach(r -> finished.put(r.integrationId(), fx.finishedRuns(r.integrationId())));

        restarted = Simulators.start(COMPANY, 0);
        DemoCompanySetup.Seeded again = setup.seed(restarted);
        for (SyncService.SyncRequested r : again.syncs()) fx.awaitRun(r.integrationId(), finished.getOrDefault(r.integrationId(), 0L));

        assertThat(again.orgId()).isEqualTo(seeded.orgId());
        assertThat(again.syncs()).extracting(SyncService.SyncRequested::integrationId)
                .containsExactlyInAnyOrderElementsOf(seeded.syncs().stream().map(SyncService.SyncRequested::integrationId).toList());
        assertThat(count("SELECT count(*) FROM integrations WHERE organization_id = :o")).isEqualTo(integrations);
        assertThat(count("SELECT count(*) FROM activities WHERE organization_id = :o")).isEqualTo(activities);
        assertThat(count("SELECT count(*) FROM identity_mappings WHERE organization_id = :o")).isEqualTo(mappings);
        assertThat(owner.sql("SELECT config->>'base_url' FROM integrations WHERE organization_id = :o AND provider = 'slack'")
                .param("o", seeded.orgId()).query(String.class).single()).isEqualTo(restarted.slack().apiUrl());
    }
}

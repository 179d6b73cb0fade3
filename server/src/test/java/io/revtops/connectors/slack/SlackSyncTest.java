package io.revtops.connectors.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.simulators.Simulators;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.slack.SlackSimulator;
import io.revtops.sync.SyncService;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Session;
import io.revtops.testing.sync.SyncFixture;
import io.revtops.testing.sync.SyncFixture.Run;
import io.revtops.testing.sync.SyncTestDatabaseInitializer;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * The Slack connector through the real sync engine: connected over REST with a stored bot token, synced from the
 * Slack simulator over HTTP into activities and identity mappings.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revtops.http.backoff-base=5ms", "revtops.http.backoff-cap=50ms", "revtops.http.request-timeout=2s",
        "revtops.http.rate-limits.slack.default=10000/1s", "revtops.http.rate-limits.slack.post=10000/1s"})
@ContextConfiguration(initializers = SyncTestDatabaseInitializer.class)
class SlackSyncTest {
    static final Simulators SIMS = Simulators.start(DemoCompany.generate(42, 0.1), 0);
    static final SlackSimulator SLACK = SIMS.slack();

    @AfterAll
    static void stopSimulators() {
        SIMS.close();
    }

    @LocalServerPort int port;
    @Autowired JdbcClient owner;
    @Autowired SyncService syncs;

    TestApi api;
    SyncFixture fx;

    @BeforeEach
    void fixture() {
        api = new TestApi(port);
        fx = new SyncFixture(api, owner, syncs);
        SLACK.faults().reset();
    }

    UUID connect(Session admin, String token) {
        var r = api.post("/api/integrations/slack/connect", admin.caller(),
                Map.of("credentials", Map.of("access_token", token), "config", Map.of("base_url", SLACK.apiUrl())));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return UUID.fromString(r.json().path("id").asString());
    }

    long slackActivities(UUID org) {
        return owner.sql("SELECT count(*) FROM activities WHERE organization_id = :o AND source_system = 'slack' AND type = 'slack_message'")
                .param("o", org).query(Long.class).single();
    }

    Instant newestUpdate(UUID org) {
        return owner.sql("SELECT max(updated_at) FROM activities WHERE organization_id = :o").param("o", org)
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    @Test
    void aFullSyncStoresEveryPublicMessageAndMapsAuthorsToMembersByEmail() {
        Session admin = fx.newOrg();
        Session meg = fx.member(admin, "meg");
        String megEmail = owner.sql("SELECT email FROM users WHERE id = :u").param("u", meg.userId()).query(String.class).single();
        String megSlack = "UMEG" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        SLACK.addUser(megSlack, "meg", megEmail.toUpperCase(), false, false);
        String ts = SLACK.postAs(megSlack, SLACK.channelId("deals"), "Globex wants a pilot");
        UUID slack = connect(admin, SLACK.botToken());

        Run run = fx.sync(admin, slack, "slack");

        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo("completed");
        assertThat(slackActivities(admin.orgId())).isEqualTo(SLACK.publicMessageCount());
        UUID author = owner.sql("SELECT owner_user_id FROM activities WHERE organization_id = :o AND source_id = :s")
                .param("o", admin.orgId()).param("s", SLACK.channelId("deals") + ":" + ts).query(UUID.class).single();
        assertThat(author).isEqualTo(meg.userId());
        assertThat(owner.sql("SELECT user_id FROM identity_mappings WHERE organization_id = :o AND source_system = 'slack' AND external_id = :x")
                .param("o", admin.orgId()).param("x", megSlack).query(UUID.class).single()).isEqualTo(meg.userId());
    }

    @Test
    void aSecondSyncWritesNothingAndANewMessageIsAppliedAlone() {
        Session admin = fx.newOrg();
        UUID slack = connect(admin, SLACK.botToken());
        fx.sync(admin, slack, "slack");
        long before = slackActivities(admin.orgId());
        Instant lastWrite = newestUpdate(admin.orgId());

        Run again = fx.sync(admin, slack, "slack");
        assertThat(again.status()).isEqualTo("completed");
        assertThat(newestUpdate(admin.orgId())).isEqualTo(lastWrite);
        assertThat(again.count("activities", "inserted") + again.count("activities", "updated")).isZero();

        String ts = SLACK.postAs(SLACK.userIdOf(SIMS.company().employees().get(1).id()), SLACK.channelId("deals"), "Signed!");
        Run third = fx.sync(admin, slack, "slack");
        assertThat(third.count("activities", "inserted")).isEqualTo(1);
        assertThat(slackActivities(admin.orgId())).isEqualTo(before + 1);
        assertThat(owner.sql("SELECT description FROM activities WHERE organization_id = :o AND source_id = :s")
                .param("o", admin.orgId()).param("s", SLACK.channelId("deals") + ":" + ts).query(String.class).single())
                .isEqualTo("Signed!");
    }

    @Test
    void aRevokedTokenFailsTheSyncWithReconnectSlackAndMarksTheIntegration() {
        Session admin = fx.newOrg();
        String token = "xoxb-revoked-" + UUID.randomUUID();
        SIMS.tokens().register(token, "slack");
        UUID slack = connect(admin, token);
        SIMS.tokens().revoke(token);
        long calls = SLACK.requests().all().size();

        Run run = fx.sync(admin, slack, "slack");

        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.error()).contains("Reconnect Slack");
        assertThat(SLACK.requests().all().size() - calls).isEqualTo(1);
        assertThat(owner.sql("SELECT status FROM integrations WHERE id = :i").param("i", slack).query(String.class).single())
                .isEqualTo("needs_reconnect");
    }
}

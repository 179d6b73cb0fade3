package io.revtops.connectors.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.gmail.GmailSimulator;
import io.revtops.simulators.gmail.GmailStore.NewMessage;
import io.revtops.sync.SyncService;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Session;
import io.revtops.testing.sync.SyncFixture;
import io.revtops.testing.sync.SyncFixture.Run;
import io.revtops.testing.sync.SyncTestDatabaseInitializer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * A Gmail mailbox synced end to end: connected over REST with a stored OAuth token, synced by the engine through the
 * real connector and HTTP layer from the Gmail simulator, rows checked in the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revtops.http.backoff-base=5ms", "revtops.http.backoff-cap=50ms", "revtops.http.rate-limits.gmail.default=10000/1s"})
@ContextConfiguration(initializers = SyncTestDatabaseInitializer.class)
class GmailSyncTest {
    static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
    static final TokenRegistry TOKENS = new TokenRegistry(Clock.systemUTC());
    static final GmailSimulator GMAIL = new GmailSimulator(DemoCompany.generate(42, 0.1, TODAY), TOKENS, Clock.systemUTC());
    static int nextMailbox;

    static {
        GMAIL.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        GMAIL.close();
    }

    @LocalServerPort int port;
    @Autowired JdbcClient owner;
    @Autowired SyncService syncs;

    TestApi api;
    SyncFixture fx;
    Session admin;
    String mailbox;

    @BeforeEach
    void fixture() {
        api = new TestApi(port);
        fx = new SyncFixture(api, owner, syncs);
        admin = fx.newOrg();
        mailbox = GMAIL.mailboxes().get(nextMailbox++ % GMAIL.mailboxes().size());
    }

    UUID connect(Session who) {
        var r = api.post("/api/integrations/gmail/connect", who.caller(), Map.of(
                "credentials", Map.of("access_token", GMAIL.tokenFor(mailbox)), "config", Map.of("base_url", GMAIL.baseUrl())));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return UUID.fromString(r.json().path("id").asString());
    }

    long rows(UUID integration) {
        return owner.sql("SELECT count(*) FROM activities WHERE integration_id = :i AND source_system = 'gmail' AND type = 'email'")
                .param("i", integration).query(Long.class).single();
    }

    Instant newestUpdate(UUID integration) {
        return owner.sql("SELECT max(updated_at) FROM activities WHERE integration_id = :i").param("i", integration)
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    @Test
    void aFullSyncStoresTheMailboxWindowAsOwnerOnlyEmailsAndASecondSyncWritesNothing() {
        UUID gmail = connect(admin);
        Instant started = Instant.now();
        Run first = fx.sync(admin, gmail, "gmail");
        assertThat(first.status()).as(first.error()).isEqualTo("completed");
        long window = GMAIL.idsSince(mailbox, Instant.ofEpochSecond(started.minus(Duration.ofDays(30)).getEpochSecond())).size();
        assertThat(window).isPositive();
        assertThat(rows(gmail)).isEqualTo(window);
        assertThat(first.count("activities", "inserted")).isEqualTo(window);
        assertThat(owner.sql("""
                SELECT count(*) FROM activities WHERE integration_id = :i AND visibility = 'owner_only' AND owner_user_id = :u
                """).param("i", gmail).param("u", admin.userId()).query(Long.class).single()).isEqualTo(window);

        Instant before = newestUpdate(gmail);
        Run second = fx.sync(admin, gmail, "gmail");
        assertThat(second.status()).isEqualTo("completed");
        assertThat(second.count("activities", "inserted") + second.count("activities", "updated")).isZero();
        assertThat(newestUpdate(gmail)).isEqualTo(before);
        assertThat(rows(gmail)).isEqualTo(window);
    }

    @Test
    void aNewMessageArrivesThroughHistoryAndAnExpiredHistoryRelistsWithoutDuplicates() {
        UUID gmail = connect(admin);
        fx.sync(admin, gmail, "gmail");
        long synced = rows(gmail);
        String id = GMAIL.deliver(mailbox, NewMessage.inbound("ana@globex.example", mailbox, "Renewal", "Shall we renew?", Instant.now()));
        Run incremental = fx.sync(admin, gmail, "gmail");
        assertThat(incremental.count("activities", "inserted")).isEqualTo(1);
        assertThat(rows(gmail)).isEqualTo(synced + 1);
        assertThat(owner.sql("SELECT subject FROM activities WHERE integration_id = :i AND source_id = :s")
                .param("i", gmail).param("s", id).query(String.class).single()).isEqualTo("Renewal");

        GMAIL.expireHistory(mailbox);
        Run relisted = fx.sync(admin, gmail, "gmail");
        assertThat(relisted.status()).isEqualTo("completed");
        assertThat(relisted.count("activities", "inserted")).isZero();
        assertThat(rows(gmail)).isEqualTo(synced + 1);
    }

    @Test
    void aRevokedTokenEndsTheSyncWithReconnectGmail() {
        UUID gmail = connect(admin);
        TOKENS.revoke(GMAIL.tokenFor(mailbox));
        Run run = fx.sync(admin, gmail, "gmail");
        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.error()).isEqualTo("Reconnect Gmail");
        assertThat(owner.sql("SELECT status FROM integrations WHERE id = :i").param("i", gmail).query(String.class).single())
                .isEqualTo("needs_reconnect");
        // one refused call, one retry with refreshed credentials, then no more
        assertThat(GMAIL.requests().all()).filteredOn(r -> r.status() == 401).hasSize(2);
    }
}

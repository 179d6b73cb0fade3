package io.revtops.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.SyncedTable;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Response;
import io.revtops.testing.TestApi.Session;
import io.revtops.testing.sync.FakeVendor;
import io.revtops.testing.sync.SyncEngineTest;
import io.revtops.testing.sync.SyncFixture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A personal (user-scoped) integration: its emails are the owner's until shared, and link to CRM records. */
@SyncEngineTest
class PersonalSyncTest {
    @LocalServerPort int port;
    @Autowired JdbcClient owner;
    @Autowired TenantTx tx;
    @Autowired SyncService syncs;
    @Autowired FakeVendor vendor;

    TestApi api;
    SyncFixture fx;
    Session admin;
    Session mia;   // owns the mailbox
    Session leo;   // a teammate
    UUID mailbox;
    String domain;

    @BeforeEach
    void mailboxOfAMember() {
        api = new TestApi(port);
        fx = new SyncFixture(api, owner, syncs);
        admin = fx.newOrg();
        mia = fx.member(admin, "mia");
        leo = fx.member(admin, "leo");
        domain = owner.sql("SELECT email_domain FROM organizations WHERE id = :o").param("o", admin.orgId()).query(String.class).single();
        mailbox = fx.connect(mia, "testmail");
        vendor.put(mailbox, "messages", List.of(
                email("m1", "buyer@globex.example", List.of("mia@" + domain)),
                email("m2", "mia@" + domain, List.of("colleague@" + domain))));
    }

    static SyncedRecord email(String id, String from, List<String> to) {
        return SyncedRecord.of(SyncedTable.ACTIVITIES, id).set("type", "email").set("subject", "Pricing " + id)
                .set("from_email", from).set("to_emails", to).set("activity_date", Instant.parse("2026-03-01T09:00:00Z"))
                .set("visibility", "team").build();
    }

    long visibleTo(Session who) {
        return tx.run(Tenant.of(who.orgId(), who.userId()), j -> j.sql("SELECT count(*) FROM activities WHERE source_system = 'testmail'")
                .query(Long.class).single());
    }

    @Test
    void aMemberConnectsTheirOwnMailboxWithoutBeingAdmin() {
        assertThat(owner.sql("SELECT user_id FROM integrations WHERE id = :i").param("i", mailbox).query(UUID.class).single())
                .isEqualTo(mia.userId());
    }

    @Test
    void syncedEmailsAreTheOwnersOnlyUntilShared() {
        assertThat(fx.sync(mia, mailbox, "testmail").status()).isEqualTo("completed");
        assertThat(visibleTo(mia)).isEqualTo(2);
        assertThat(visibleTo(leo)).isZero();
        assertThat(owner.sql("SELECT count(*) FROM activities WHERE integration_id = :i AND visibility = 'owner_only' AND owner_user_id = :u")
                .param("i", mailbox).param("u", mia.userId()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void sharingSyncedDataShowsThemToTheTeamAndUnsharingHidesThemAgain() {
        fx.sync(mia, mailbox, "testmail");
        Response shared = api.patch("/api/integrations/" + mailbox, mia.caller(), Map.of("share_synced_data", true));
        assertThat(shared.status()).isEqualTo(200);
        assertThat(shared.json().path("share_synced_data").asBoolean()).isTrue();
        assertThat(visibleTo(leo)).isEqualTo(2);
        // an admin may change it too, though the rows are not theirs
        Response unshared = api.patch("/api/integrations/" + mailbox, admin.caller(), Map.of("share_synced_data", false));
        assertThat(unshared.status()).isEqualTo(200);
        assertThat(visibleTo(leo)).isZero();
        assertThat(visibleTo(mia)).isEqualTo(2);
    }

    @Test
    void anotherMemberMayNotChangeTheSharing() {
        Response r = api.patch("/api/integrations/" + mailbox, leo.caller(), Map.of("share_synced_data", true));
        assertThat(r.status()).isIn(403, 404);
        assertThat(owner.sql("SELECT share_synced_data FROM integrations WHERE id = :i").param("i", mailbox)
                .query(Boolean.class).single()).isFalse();
    }

    @Test
    void emailsAreLinkedToTheContactAccountAndOpenDealOfTheirExternalParticipant() {
        UUID account = owner.sql("""
                INSERT INTO accounts (organization_id, source_system, source_id, name, domain) VALUES (:o, 'crm', 'g', 'Globex', 'globex.example')
                RETURNING id""").param("o", admin.orgId()).query(UUID.class).single();
        UUID contact = owner.sql("""
                INSERT INTO contacts (organization_id, source_system, source_id, name, email, account_id)
                VALUES (:o, 'crm', 'b', 'Buyer', 'buyer@globex.example', :a) RETURNING id""")
                .param("o", admin.orgId()).param("a", account).query(UUID.class).single();
        UUID deal = owner.sql("""
                INSERT INTO deals (organization_id, source_system, source_id, name, account_id, close_date)
                VALUES (:o, 'crm', 'd', 'Globex renewal', :a, DATE '2026-09-30') RETURNING id""")
                .param("o", admin.orgId()).param("a", account).query(UUID.class).single();
        fx.sync(mia, mailbox, "testmail");
        var m1 = owner.sql("SELECT contact_id, account_id, deal_id FROM activities WHERE integration_id = :i AND source_id = 'm1'")
                .param("i", mailbox).query().singleRow();
        assertThat(m1).containsEntry("contact_id", contact).containsEntry("account_id", account).containsEntry("deal_id", deal);
        var m2 = owner.sql("SELECT contact_id, account_id, deal_id FROM activities WHERE integration_id = :i AND source_id = 'm2'")
                .param("i", mailbox).query().singleRow();
        assertThat(m2.values()).containsOnlyNulls();
    }
}

package io.revtops.sync.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.sync.SyncCompleted;
import io.revtops.sync.TableCounts;
import java.time.Duration;
import io.revtops.testing.sync.SyncEngineTest;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Activities written before the CRM records they are about are linked once those records arrive (SPEC §2). */
@SyncEngineTest
class RelinkerTest {
    @Autowired JdbcClient owner;
    @Autowired Relinker relinker;
    @Autowired ApplicationEventPublisher events;

    UUID org;
    UUID member;
    String s;
    String globex;

    @BeforeEach
    void org() {
        s = UUID.randomUUID().toString().substring(0, 8);
        globex = "globex-" + s + ".example";
        org = owner.sql("INSERT INTO organizations (name, handle, email_domain) VALUES ('Acme', :h, :d) RETURNING id")
                .param("h", "relink-" + s).param("d", "acme-" + s + ".test").query(UUID.class).single();
        member = owner.sql("INSERT INTO users (email) VALUES (:e) RETURNING id").param("e", "me@acme-" + s + ".test")
                .query(UUID.class).single();
        owner.sql("INSERT INTO org_members (organization_id, user_id, role, status) VALUES (:o, :u, 'member', 'active')")
                .param("o", org).param("u", member).update();
    }

    UUID email(String sourceId, String from, String visibility) {
        return owner.sql("""
                INSERT INTO activities (organization_id, source_system, source_id, type, subject, from_email, to_emails,
                                        owner_user_id, visibility, updated_at)
                VALUES (:o, 'gmail', :id, 'email', 'Pricing', :f, ARRAY['me@acme-%s.test'], :u, :v, :t)
                RETURNING id
                """.formatted(s)).param("o", org).param("id", sourceId).param("f", from).param("u", member)
                .param("v", visibility).param("t", OffsetDateTime.parse("2026-01-01T00:00:00Z")).query(UUID.class).single();
    }

    UUID contactAtNewAccount() {
        UUID account = owner.sql("""
                INSERT INTO accounts (organization_id, source_system, source_id, name, domain) VALUES (:o, 'crm', 'g', 'Globex', :d)
                RETURNING id""").param("o", org).param("d", globex).query(UUID.class).single();
        return owner.sql("""
                INSERT INTO contacts (organization_id, source_system, source_id, name, email, account_id)
                VALUES (:o, 'crm', 'jane', 'Jane', :e, :a) RETURNING id
                """).param("o", org).param("e", "jane@" + globex).param("a", account).query(UUID.class).single();
    }

    Map<String, Object> links(UUID activity) {
        return owner.sql("SELECT contact_id, account_id, deal_id, updated_at FROM activities WHERE id = :id")
                .param("id", activity).query().singleRow();
    }

    @Test
    void anEmailSyncedBeforeItsSendersContactIsLinkedWhenTheContactArrives() {
        UUID mail = email("m1", "Jane <jane@" + globex + ">", "owner_only");
        Object before = links(mail).get("updated_at");
        UUID jane = contactAtNewAccount();

        assertThat(relinker.relink(org)).isEqualTo(1);

        Map<String, Object> after = links(mail);
        assertThat(after.get("contact_id")).isEqualTo(jane);
        assertThat(after.get("account_id")).isNotNull();
        assertThat(after.get("updated_at")).as("linking is not a change of the vendor's record").isEqualTo(before);
    }

    @Test
    void internalOnlyAndUnknownSendersStayUnlinkedAndARerunChangesNothing() {
        UUID internal = email("m2", "boss@acme-" + s + ".test", "team");
        UUID unknown = email("m3", "who@nowhere-" + s + ".example", "team");
        contactAtNewAccount();
        UUID known = email("m4", "jane@" + globex, "team");

        assertThat(relinker.relink(org)).isEqualTo(1);
        assertThat(relinker.relink(org)).isZero();

        assertThat(links(internal).get("contact_id")).isNull();
        assertThat(links(unknown).get("account_id")).isNull();
        assertThat(links(known).get("contact_id")).isNotNull();
    }

    @Test
    void anActivityLinkedMeanwhileKeepsItsLinks() {
        UUID jane = contactAtNewAccount();
        UUID other = owner.sql("""
                INSERT INTO accounts (organization_id, source_system, source_id, name, domain) VALUES (:o, 'crm', 'o', 'Other', 'other.example')
                RETURNING id""").param("o", org).query(UUID.class).single();
        UUID mail = email("m5", "jane@" + globex, "team");
        owner.sql("UPDATE activities SET account_id = :a WHERE id = :id").param("a", other).param("id", mail).update();

        assertThat(relinker.relink(org)).isZero();
        assertThat(links(mail).get("account_id")).isEqualTo(other);
        assertThat(links(mail).get("contact_id")).isNotEqualTo(jane);
    }

    @Test
    void aFinishedSyncThatBroughtContactsRelinksOnAWorker() throws InterruptedException {
        UUID mail = email("m6", "jane@" + globex, "owner_only");
        UUID jane = contactAtNewAccount();

        events.publishEvent(new SyncCompleted(org, UUID.randomUUID(), UUID.randomUUID(), "hubspot",
                Map.of("contacts", new TableCounts(1, 0, 0, 0, 0, 0))));

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (links(mail).get("contact_id") == null && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(links(mail).get("contact_id")).isEqualTo(jane);
    }

    @Test
    void onlySyncsThatChangedCrmRecordsAskForARelink() {
        TableCounts none = TableCounts.ZERO;
        TableCounts inserted = new TableCounts(3, 0, 0, 0, 0, 0);
        TableCounts unchanged = new TableCounts(0, 0, 9, 0, 0, 0);
        assertThat(Relinker.crmChanged(Map.of("contacts", inserted))).isTrue();
        assertThat(Relinker.crmChanged(Map.of("deals", new TableCounts(0, 1, 0, 0, 0, 0)))).isTrue();
        assertThat(Relinker.crmChanged(Map.of("contacts", unchanged, "accounts", none))).isFalse();
        assertThat(Relinker.crmChanged(Map.of("activities", inserted))).isFalse();
    }
}

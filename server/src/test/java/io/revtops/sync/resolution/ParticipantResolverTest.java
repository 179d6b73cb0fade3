package io.revtops.sync.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.testing.sync.SyncEngineTest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Emails and meetings link to CRM records by their participants (SPEC §2). */
@SyncEngineTest
class ParticipantResolverTest {
    @Autowired TenantTx tx;
    @Autowired JdbcClient owner;
    @Autowired ParticipantResolver resolver;

    UUID org;
    String us;      // the organization's own domain
    String globex;  // an account's domain
    String initech; // another account's domain
    UUID globexAccount;
    UUID initechAccount;
    UUID jane;
    UUID latestOpenDeal;

    @BeforeEach
    void crm() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        us = "acme-" + s + ".test";
        globex = "globex-" + s + ".example";
        initech = "initech-" + s + ".example";
        org = owner.sql("INSERT INTO organizations (name, handle, email_domain) VALUES ('Acme', :h, :d) RETURNING id")
                .param("h", "res-" + s).param("d", us).query(UUID.class).single();
        UUID member = owner.sql("INSERT INTO users (email) VALUES (:e) RETURNING id").param("e", "me-" + s + "@gmail.com")
                .query(UUID.class).single();
        owner.sql("INSERT INTO org_members (organization_id, user_id, role, status) VALUES (:o, :u, 'member', 'active')")
                .param("o", org).param("u", member).update();
        globexAccount = account("Globex", globex);
        initechAccount = account("Initech", initech);
        jane = owner.sql("""
                INSERT INTO contacts (organization_id, source_system, source_id, name, email, account_id)
                VALUES (:o, 'crm', 'jane', 'Jane', :e, :a) RETURNING id
                """).param("o", org).param("e", "Jane@" + globex).param("a", globexAccount).query(UUID.class).single();
        deal("early open", globexAccount, "2026-03-01", false);
        latestOpenDeal = deal("latest open", globexAccount, "2026-06-01", false);
        deal("closed later", globexAccount, "2026-12-01", true);
    }

    UUID account(String name, String domain) {
        return owner.sql("""
                INSERT INTO accounts (organization_id, source_system, source_id, name, domain) VALUES (:o, 'crm', :s, :n, :d) RETURNING id
                """).param("o", org).param("s", name).param("n", name).param("d", domain).query(UUID.class).single();
    }

    UUID deal(String name, UUID account, String closeDate, boolean closed) {
        return owner.sql("""
                INSERT INTO deals (organization_id, source_system, source_id, name, account_id, close_date, is_closed)
                VALUES (:o, 'crm', :s, :n, :a, CAST(:c AS date), :closed) RETURNING id
                """).param("o", org).param("s", name).param("n", name).param("a", account).param("c", closeDate)
                .param("closed", closed).query(UUID.class).single();
    }

    Resolution resolve(String... participants) {
        return tx.run(Tenant.org(org), j -> resolver.resolve(j, org, List.of(participants)));
    }

    @Test
    void aKnownContactGivesTheContactItsAccountAndTheLatestOpenDeal() {
        Resolution r = resolve("ceo@" + us, "jane@" + globex);
        assertThat(r).isEqualTo(new Resolution(Optional.of(jane), Optional.of(globexAccount), Optional.of(latestOpenDeal)));
    }

    @Test
    void anUnknownPersonAtAnAccountsDomainGivesTheAccountOnly() {
        Resolution r = resolve("someone@mail." + initech);
        assertThat(r).isEqualTo(new Resolution(Optional.empty(), Optional.of(initechAccount), Optional.empty()));
    }

    @Test
    void internalParticipantsOnlyLinkNothing() {
        // the org's domain, and a member's own (public-provider) address
        Resolution r = resolve("ceo@" + us, "sales@" + us.toUpperCase(), owner.sql("SELECT u.email FROM users u JOIN org_members m "
                + "ON m.user_id = u.id WHERE m.organization_id = :o").param("o", org).query(String.class).single());
        assertThat(r.isEmpty()).isTrue();
    }

    @Test
    void aContactMatchWinsOverAnEarlierDomainMatch() {
        Resolution r = resolve("bob@" + initech, "\"Jane\" <JANE@" + globex.toUpperCase() + ">");
        assertThat(r.contactId()).contains(jane);
        assertThat(r.accountId()).contains(globexAccount);
    }

    @Test
    void aPublicMailDomainNeverMatchesAnAccount() {
        account("Gmail fans", "gmail.com");
        assertThat(resolve("stranger@gmail.com").isEmpty()).isTrue();
    }

    @Test
    void resolvesAWholePageInOrder() {
        List<Resolution> rs = tx.run(Tenant.org(org), j -> resolver.resolveAll(j, org, List.of(
                List.of("jane@" + globex), List.of("x@" + us), List.of("y@" + initech))));
        assertThat(rs).extracting(Resolution::accountId)
                .containsExactly(Optional.of(globexAccount), Optional.empty(), Optional.of(initechAccount));
    }
}

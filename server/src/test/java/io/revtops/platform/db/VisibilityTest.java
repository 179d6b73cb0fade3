package io.revtops.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.testing.RevtopsTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Finer visibility inside one organization (SPEC §1), enforced by row-level security too. */
@RevtopsTest
class VisibilityTest {
    @Autowired TenantTx tx;
    @Autowired JdbcClient owner;

    UUID org;
    UUID ada;
    UUID bob;

    @BeforeEach
    void organizationWithTwoMembers() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        org = owner.sql("INSERT INTO organizations (name, handle, email_domain) VALUES ('V', :h, :d) RETURNING id")
                .param("h", "vis-" + suffix).param("d", suffix + ".test").query(UUID.class).single();
        ada = member();
        bob = member();
    }

    UUID member() {
        UUID id = owner.sql("INSERT INTO users (email, name) VALUES (:e, 'M') RETURNING id")
                .param("e", UUID.randomUUID() + "@v.test").query(UUID.class).single();
        owner.sql("INSERT INTO org_members (organization_id, user_id, role, status) VALUES (:o, :u, 'member', 'active')")
                .param("o", org).param("u", id).update();
        return id;
    }

    long count(UUID user, String sql, UUID id) {
        return tx.run(Tenant.of(org, user), j -> j.sql(sql).param("id", id).query(Long.class).single());
    }

    @Nested
    class Activities {
        UUID insert(String visibility) {
            return tx.run(Tenant.of(org, ada), j -> j.sql("""
                    INSERT INTO activities (organization_id, source_system, source_id, type, subject, owner_user_id, visibility)
                    VALUES (:o, 'gmail', :s, 'email', 'Re: pricing', :u, :v) RETURNING id
                    """).param("o", org).param("s", UUID.randomUUID().toString()).param("u", ada).param("v", visibility)
                    .query(UUID.class).single());
        }

        @Test
        void anOwnerOnlyActivityIsVisibleToItsOwnerOnly() {
            UUID id = insert("owner_only");
            assertThat(count(ada, "SELECT count(*) FROM activities WHERE id = :id", id)).isEqualTo(1);
            assertThat(count(bob, "SELECT count(*) FROM activities WHERE id = :id", id)).isZero();
        }

        @Test
        void aTeamActivityIsVisibleToEveryMember() {
            UUID id = insert("team");
            assertThat(count(bob, "SELECT count(*) FROM activities WHERE id = :id", id)).isEqualTo(1);
        }

        @Test
        void anOrganizationWideJobWithoutAUserSeesNoOwnerOnlyActivity() {
            UUID id = insert("owner_only");
            long seen = tx.run(Tenant.org(org), j -> j.sql("SELECT count(*) FROM activities WHERE id = :id")
                    .param("id", id).query(Long.class).single());
            assertThat(seen).isZero();
        }
    }

    @Nested
    class Conversations {
        UUID conversation(String scope) {
            UUID id = tx.run(Tenant.of(org, ada), j -> j.sql("""
                    INSERT INTO conversations (organization_id, user_id, title, scope) VALUES (:o, :u, 'Q3', :s) RETURNING id
                    """).param("o", org).param("u", ada).param("s", scope).query(UUID.class).single());
            tx.execute(Tenant.of(org, ada), j -> j.sql("""
                    INSERT INTO chat_messages (organization_id, conversation_id, user_id, role, content_blocks)
                    VALUES (:o, :c, :u, 'user', CAST('[{"type":"text","text":"hello"}]' AS jsonb))
                    """).param("o", org).param("c", id).param("u", ada).update());
            return id;
        }

        long messagesSeenBy(UUID user, UUID conversation) {
            return count(user, "SELECT count(*) FROM chat_messages WHERE conversation_id = :id", conversation);
        }

        @Test
        void aPrivateConversationIsInvisibleToOtherMembers() {
            UUID c = conversation("private");
            assertThat(count(bob, "SELECT count(*) FROM conversations WHERE id = :id", c)).isZero();
            assertThat(messagesSeenBy(bob, c)).isZero();
            assertThat(messagesSeenBy(ada, c)).isEqualTo(1);
        }

        @Test
        void aSharedConversationIsVisibleToTheWholeOrganization() {
            UUID c = conversation("shared");
            assertThat(messagesSeenBy(bob, c)).isEqualTo(1);
        }

        @Test
        void aParticipantSeesAPrivateConversationUntilRemoved() {
            UUID c = conversation("private");
            tx.execute(Tenant.of(org, ada), j -> j.sql("""
                    INSERT INTO conversation_participants (organization_id, conversation_id, user_id) VALUES (:o, :c, :u)
                    """).param("o", org).param("c", c).param("u", bob).update());
            assertThat(messagesSeenBy(bob, c)).isEqualTo(1);

            tx.execute(Tenant.of(org, ada), j -> j.sql("DELETE FROM conversation_participants WHERE conversation_id = :c AND user_id = :u")
                    .param("c", c).param("u", bob).update());
            assertThat(messagesSeenBy(bob, c)).isZero();
            assertThat(count(bob, "SELECT count(*) FROM conversations WHERE id = :id", c)).isZero();
        }

        @Test
        void aPrivateConversationsArtifactIsSeenByParticipantsAndLostWithThem() {
            UUID c = conversation("private");
            UUID artifact = tx.run(Tenant.of(org, ada), j -> j.sql("""
                    INSERT INTO artifacts (organization_id, user_id, conversation_id, type, title, content, visibility)
                    VALUES (:o, :u, :c, 'markdown', 'Pipeline', '# hi', 'private') RETURNING id
                    """).param("o", org).param("u", ada).param("c", c).query(UUID.class).single());
            assertThat(count(bob, "SELECT count(*) FROM artifacts WHERE id = :id", artifact)).isZero();
            tx.execute(Tenant.of(org, ada), j -> j.sql("""
                    INSERT INTO conversation_participants (organization_id, conversation_id, user_id) VALUES (:o, :c, :u)
                    """).param("o", org).param("c", c).param("u", bob).update());
            assertThat(count(bob, "SELECT count(*) FROM artifacts WHERE id = :id", artifact)).isEqualTo(1);
            tx.execute(Tenant.of(org, ada), j -> j.sql("DELETE FROM conversation_participants WHERE conversation_id = :c")
                    .param("c", c).update());
            assertThat(count(bob, "SELECT count(*) FROM artifacts WHERE id = :id", artifact)).isZero();
        }
    }

    @Nested
    class Artifacts {
        @Test
        void teamArtifactsAreVisibleToTheOrganizationButOnlyTheOwnerMayChangeThem() {
            UUID artifact = tx.run(Tenant.of(org, ada), j -> j.sql("""
                    INSERT INTO artifacts (organization_id, user_id, type, title, content, visibility)
                    VALUES (:o, :u, 'text', 'Notes', 'x', 'team') RETURNING id
                    """).param("o", org).param("u", ada).query(UUID.class).single());
            assertThat(count(bob, "SELECT count(*) FROM artifacts WHERE id = :id", artifact)).isEqualTo(1);
            int changed = tx.run(Tenant.of(org, bob), j -> j.sql("UPDATE artifacts SET title = 'mine' WHERE id = :id")
                    .param("id", artifact).update());
            assertThat(changed).isZero();
        }
    }
}

package io.revtops.approvals.store;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of {@code change_sessions}: one open session per conversation tree, numbering its changes 1, 2, 3… */
@Repository
public class ChangeSessionRepository {

    /** A session and whose conversation tree it belongs to. */
    public record Session(UUID id, UUID orgId, Optional<UUID> rootConversationId, Optional<UUID> userId, String status) {
        public boolean open() {
            return status.equals("open");
        }
    }

    /** The root of a conversation's tree (following parent links as far as the user sees them). */
    public UUID rootConversation(JdbcClient j, UUID conversationId) {
        return j.sql("""
                WITH RECURSIVE up(id, parent, depth) AS (
                    SELECT c.id, c.parent_conversation_id, 0 FROM conversations c WHERE c.id = :c
                    UNION ALL
                    SELECT c.id, c.parent_conversation_id, up.depth + 1 FROM conversations c JOIN up ON c.id = up.parent
                     WHERE up.depth < 20)
                SELECT id FROM up ORDER BY depth DESC LIMIT 1
                """).param("c", conversationId).query(UUID.class).optional().orElse(conversationId);
    }

    /** The open session of a conversation tree, created on first use (two racing callers get the same one). */
    public UUID openFor(JdbcClient j, UUID orgId, Optional<UUID> rootConversationId, Optional<UUID> userId) {
        if (rootConversationId.isEmpty()) {
            return j.sql("INSERT INTO change_sessions (organization_id, user_id) VALUES (:o, :u) RETURNING id")
                    .param("o", orgId).param("u", userId.orElse(null)).query(UUID.class).single();
        }
        j.sql("""
                INSERT INTO change_sessions (organization_id, root_conversation_id, user_id) VALUES (:o, :c, :u)
                ON CONFLICT (organization_id, root_conversation_id) WHERE status = 'open' DO NOTHING
                """).param("o", orgId).param("c", rootConversationId.get()).param("u", userId.orElse(null)).update();
        return j.sql("SELECT id FROM change_sessions WHERE organization_id = :o AND root_conversation_id = :c AND status = 'open'")
                .param("o", orgId).param("c", rootConversationId.get()).query(UUID.class).single();
    }

    /** The next change number of a session (locks the session row until the transaction ends). */
    public int nextNumber(JdbcClient j, UUID sessionId) {
        return j.sql("UPDATE change_sessions SET next_seq = next_seq + 1 WHERE id = :id RETURNING next_seq")
                .param("id", sessionId).query(Integer.class).single();
    }

    public Optional<Session> find(JdbcClient j, UUID id) {
        return j.sql("SELECT id, organization_id, root_conversation_id, user_id, status FROM change_sessions WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new Session(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        Optional.ofNullable(rs.getObject(3, UUID.class)), Optional.ofNullable(rs.getObject(4, UUID.class)),
                        rs.getString(5)))
                .optional();
    }

    /** Locks an open session for commit/discard; false when it is not open any more. */
    public boolean lockOpen(JdbcClient j, UUID id) {
        return j.sql("SELECT 1 FROM change_sessions WHERE id = :id AND status = 'open' FOR UPDATE").param("id", id)
                .query(Integer.class).optional().isPresent();
    }

    public void resolve(JdbcClient j, UUID id, String status) {
        j.sql("UPDATE change_sessions SET status = :s, resolved_at = now() WHERE id = :id AND status = 'open'")
                .param("s", status).param("id", id).update();
    }
}

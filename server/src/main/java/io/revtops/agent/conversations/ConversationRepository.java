package io.revtops.agent.conversations;

import io.revtops.agent.ConversationScope;
import io.revtops.agent.ConversationSummary;
import io.revtops.agent.TurnSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code conversations} and {@code conversation_participants}. Always runs under the caller's RLS context:
 * a conversation the user may not see does not exist here.
 */
@Repository
public class ConversationRepository {
    private static final String COLUMNS = "c.id, c.title, c.scope, c.source, c.user_id, c.created_at, c.updated_at, c.last_message_at";

    /** A participant of a private conversation. */
    public record Participant(UUID userId, String email, String name, Instant addedAt) {}

    /** One page of the list, newest activity first. */
    public List<ConversationSummary> list(JdbcClient j, Optional<ConversationScope> scope, Optional<String> titleContains,
                                          Optional<UUID> before, int limit) {
        return j.sql("""
                SELECT %s
                  FROM conversations c
                 WHERE (CAST(:scope AS text) IS NULL OR c.scope = CAST(:scope AS text))
                   AND (CAST(:pattern AS text) IS NULL OR c.title ILIKE CAST(:pattern AS text) ESCAPE '\\')
                   AND (CAST(:before AS uuid) IS NULL
                        OR (coalesce(c.last_message_at, c.created_at), c.id)
                           < (SELECT coalesce(b.last_message_at, b.created_at), b.id
                                FROM conversations b WHERE b.id = CAST(:before AS uuid)))
                 ORDER BY coalesce(c.last_message_at, c.created_at) DESC, c.id DESC
                 LIMIT :limit
                """.formatted(COLUMNS))
                .param("scope", scope.map(ConversationScope::dbValue).orElse(null))
                .param("pattern", titleContains.map(ConversationRepository::containsPattern).orElse(null))
                .param("before", before.orElse(null))
                .param("limit", limit)
                .query(ConversationRepository::summary).list();
    }

    public Optional<ConversationSummary> find(JdbcClient j, UUID id) {
        return j.sql("SELECT " + COLUMNS + " FROM conversations c WHERE c.id = :id")
                .param("id", id).query(ConversationRepository::summary).optional();
    }

    /** Locks the conversation row for an update in this transaction (concurrent renames, scope changes). */
    public Optional<ConversationSummary> findForUpdate(JdbcClient j, UUID id) {
        return j.sql("SELECT " + COLUMNS + " FROM conversations c WHERE c.id = :id FOR UPDATE")
                .param("id", id).query(ConversationRepository::summary).optional();
    }

    public ConversationSummary create(JdbcClient j, UUID orgId, UUID userId, Optional<String> title,
                                      ConversationScope scope, TurnSource source) {
        return j.sql("""
                INSERT INTO conversations AS c (organization_id, user_id, title, scope, source)
                VALUES (:org, :user, :title, :scope, :source)
                RETURNING %s
                """.formatted(COLUMNS))
                .param("org", orgId).param("user", userId).param("title", title.orElse(null))
                .param("scope", scope.dbValue()).param("source", source.dbValue())
                .query(ConversationRepository::summary).single();
    }

    public void rename(JdbcClient j, UUID id, String title) {
        j.sql("UPDATE conversations SET title = :title, updated_at = now() WHERE id = :id")
                .param("title", title).param("id", id).update();
    }

    /** Gives an untitled conversation a title (its first message); a title someone chose is kept. */
    public void titleIfUntitled(JdbcClient j, UUID id, String title) {
        j.sql("UPDATE conversations SET title = :title WHERE id = :id AND title IS NULL")
                .param("title", title).param("id", id).update();
    }

    public void changeScope(JdbcClient j, UUID id, ConversationScope scope) {
        j.sql("UPDATE conversations SET scope = :scope, updated_at = now() WHERE id = :id")
                .param("scope", scope.dbValue()).param("id", id).update();
    }

    /** Marks new activity: the list orders by it. */
    public void touch(JdbcClient j, UUID id) {
        j.sql("UPDATE conversations SET last_message_at = now(), updated_at = now() WHERE id = :id")
                .param("id", id).update();
    }

    /** Deletes the conversation (RLS: owner only) with its messages, tasks and chunks; false if nothing was deleted. */
    public boolean delete(JdbcClient j, UUID id) {
        return j.sql("DELETE FROM conversations WHERE id = :id").param("id", id).update() == 1;
    }

    public List<Participant> participants(JdbcClient j, UUID conversationId) {
        return j.sql("""
                SELECT p.user_id, u.email, u.name, p.added_at
                  FROM conversation_participants p JOIN users u ON u.id = p.user_id
                 WHERE p.conversation_id = :c
                 ORDER BY p.added_at, u.email
                """).param("c", conversationId).query(Participant.class).list();
    }

    /** Adds a participant (idempotent); RLS refuses unless the caller sees the conversation. */
    public void addParticipant(JdbcClient j, UUID orgId, UUID conversationId, UUID userId) {
        j.sql("""
                INSERT INTO conversation_participants (organization_id, conversation_id, user_id)
                VALUES (:org, :c, :u)
                ON CONFLICT (conversation_id, user_id) DO NOTHING
                """).param("org", orgId).param("c", conversationId).param("u", userId).update();
    }

    public boolean removeParticipant(JdbcClient j, UUID conversationId, UUID userId) {
        return j.sql("DELETE FROM conversation_participants WHERE conversation_id = :c AND user_id = :u")
                .param("c", conversationId).param("u", userId).update() == 1;
    }

    /** Whether the user is an active member of the current organization. */
    public boolean isActiveMember(JdbcClient j, UUID userId) {
        return j.sql("SELECT count(*) FROM org_members WHERE user_id = :u AND status = 'active'")
                .param("u", userId).query(Long.class).single() > 0;
    }

    /** The conversation's tasks still answering, oldest first: what a client reopening it subscribes to. */
    public List<UUID> runningTaskIds(JdbcClient j, UUID conversationId) {
        return j.sql("SELECT id FROM agent_tasks WHERE conversation_id = :c AND status = 'running' ORDER BY started_at")
                .param("c", conversationId).query(UUID.class).list();
    }

    private static String containsPattern(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    static ConversationSummary summary(ResultSet rs, int row) throws SQLException {
        return new ConversationSummary(
                rs.getObject("id", UUID.class),
                Optional.ofNullable(rs.getString("title")),
                ConversationScope.fromDb(rs.getString("scope")),
                TurnSource.fromDb(rs.getString("source")),
                rs.getObject("user_id", UUID.class),
                instant(rs, "created_at").orElseThrow(),
                instant(rs, "updated_at").orElseThrow(),
                instant(rs, "last_message_at"));
    }

    static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return Optional.ofNullable(ts).map(Timestamp::toInstant);
    }
}

package io.revtops.agent.conversations;

import io.revtops.agent.ChatMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code chat_messages}: ordered content blocks per message, kept as the JSON the agent wrote. */
@Repository
public class MessageRepository {
    private static final String COLUMNS = "m.id, m.conversation_id, m.user_id, m.role, m.content_blocks::text AS blocks, m.created_at, m.updated_at";
    private final JsonMapper json;

    public MessageRepository(JsonMapper json) {
        this.json = json;
    }

    /**
     * Inserts a message. {@code clock_timestamp()}, not the transaction's {@code now()}: messages written in one
     * transaction still sort in the order they were written.
     */
    public ChatMessage insert(JdbcClient j, UUID orgId, UUID conversationId, Optional<UUID> userId, String role,
                              String contentBlocksJson) {
        return j.sql("""
                INSERT INTO chat_messages AS m (organization_id, conversation_id, user_id, role, content_blocks, created_at, updated_at)
                VALUES (:org, :c, :u, :role, CAST(:blocks AS jsonb), clock_timestamp(), clock_timestamp())
                RETURNING %s
                """.formatted(COLUMNS))
                .param("org", orgId).param("c", conversationId).param("u", userId.orElse(null))
                .param("role", role).param("blocks", contentBlocksJson)
                .query(this::message).single();
    }

    /** Replaces a message's content blocks; false when the message is gone (its conversation was deleted). */
    public boolean replaceBlocks(JdbcClient j, UUID messageId, String contentBlocksJson) {
        return j.sql("UPDATE chat_messages SET content_blocks = CAST(:blocks AS jsonb), updated_at = clock_timestamp() WHERE id = :id")
                .param("blocks", contentBlocksJson).param("id", messageId).update() == 1;
    }

    /** The newest {@code limit} messages of a conversation, oldest first. */
    public List<ChatMessage> latest(JdbcClient j, UUID conversationId, int limit) {
        return j.sql("""
                SELECT * FROM (
                    SELECT %s FROM chat_messages m
                     WHERE m.conversation_id = :c
                     ORDER BY m.created_at DESC, m.id DESC
                     LIMIT :limit) newest
                 ORDER BY created_at, id
                """.formatted(COLUMNS))
                .param("c", conversationId).param("limit", limit)
                .query(this::message).list();
    }

    private ChatMessage message(ResultSet rs, int row) throws SQLException {
        return new ChatMessage(
                rs.getObject("id", UUID.class),
                rs.getObject("conversation_id", UUID.class),
                Optional.ofNullable(rs.getObject("user_id", UUID.class)),
                rs.getString("role"),
                json.readTree(rs.getString("blocks")),
                ConversationRepository.instant(rs, "created_at").orElseThrow(),
                ConversationRepository.instant(rs, "updated_at").orElseThrow());
    }
}

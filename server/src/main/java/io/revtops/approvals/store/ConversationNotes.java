package io.revtops.approvals.store;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts what happened to a change into its conversation: an assistant message with a text line (which Penny reads
 * back as history on the next turn) and a {@code pending_change} block (which the chat renders as a card).
 */
@Repository
public class ConversationNotes {
    private final JsonMapper json;

    public ConversationNotes(JsonMapper json) {
        this.json = json;
    }

    /** Inserts the note; nothing when the conversation is not visible to the tenant any more. */
    public void post(JdbcClient j, UUID orgId, UUID conversationId, String text, Map<String, Object> change) {
        List<Map<String, Object>> blocks = List.of(Map.of("type", "text", "text", text),
                Map.of("type", "pending_change", "change", change));
        int n = j.sql("""
                INSERT INTO chat_messages (organization_id, conversation_id, role, content_blocks)
                SELECT CAST(:o AS uuid), c.id, 'assistant', CAST(:blocks AS jsonb) FROM conversations c WHERE c.id = :c
                """).param("o", orgId).param("c", conversationId).param("blocks", json.writeValueAsString(blocks)).update();
        if (n > 0) {
            j.sql("UPDATE conversations SET last_message_at = now(), updated_at = now() WHERE id = :c").param("c", conversationId).update();
        }
    }
}

package io.revtops.agent.history;

import io.revtops.agent.model.ContentPart;
import io.revtops.agent.model.ModelMessage;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conversation as the model sees it: the last N stored messages turned into model messages. Assistant
 * messages are replayed round by round (text and tool calls, then the tool results), so every tool call is
 * followed by its result; history never starts with an assistant message.
 */
@Component
public class ConversationHistory {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final TenantTx tx;

    public ConversationHistory(TenantTx tx) {
        this.tx = tx;
    }

    /** A stored message: its role and content blocks. */
    public record StoredMessage(UUID id, String role, JsonNode blocks) {}

    public List<ModelMessage> load(Tenant tenant, UUID conversationId, int limit) {
        List<StoredMessage> stored = tx.run(tenant, j -> j.sql("""
                SELECT id, role, content_blocks::text AS blocks FROM chat_messages
                 WHERE conversation_id = :c AND role IN ('user', 'assistant')
                 ORDER BY created_at DESC, id DESC
                 LIMIT :n
                """).param("c", conversationId).param("n", limit)
                .query((rs, n) -> new StoredMessage(rs.getObject("id", UUID.class), rs.getString("role"),
                        JSON.readTree(rs.getString("blocks")))).list());
        List<StoredMessage> ordered = new ArrayList<>(stored);
        Collections.reverse(ordered);
        return toModelMessages(ordered);
    }

    /** Converts stored messages (oldest first) to a valid alternating model history. */
    public static List<ModelMessage> toModelMessages(List<StoredMessage> stored) {
        List<ModelMessage> out = new ArrayList<>();
        for (StoredMessage m : stored) {
            if (m.role().equals("user")) {
                String text = textOf(m.blocks());
                if (!text.isBlank()) append(out, ModelMessage.user(text));
            } else {
                appendAssistant(out, m.blocks());
            }
        }
        while (!out.isEmpty() && out.getFirst().role() != ModelMessage.Role.USER) out.removeFirst();
        while (!out.isEmpty() && isOnlyToolResults(out.getFirst())) out.removeFirst();
        return out;
    }

    private static void appendAssistant(List<ModelMessage> out, JsonNode blocks) {
        Map<Integer, List<JsonNode>> rounds = new TreeMap<>();
        for (JsonNode b : blocks) rounds.computeIfAbsent(b.path("round").asInt(0), k -> new ArrayList<>()).add(b);
        for (List<JsonNode> round : rounds.values()) {
            List<ContentPart> parts = new ArrayList<>();
            List<ContentPart.ToolResult> results = new ArrayList<>();
            for (JsonNode b : round) {
                switch (b.path("type").asString()) {
                    case "text" -> {
                        if (!b.path("text").asString("").isBlank()) parts.add(new ContentPart.Text(b.path("text").asString()));
                    }
                    case "tool_use" -> {
                        if (b.path("status").asString("").equals("running")) continue; // never finished: leave it out
                        String id = b.path("id").asString();
                        parts.add(new ContentPart.ToolUse(id, b.path("name").asString(), JSON.writeValueAsString(b.path("input"))));
                        boolean error = b.path("status").asString("").equals("error");
                        JsonNode result = error ? b.path("error") : b.path("result");
                        results.add(new ContentPart.ToolResult(id, result.isString() ? result.asString() : JSON.writeValueAsString(result), error));
                    }
                    default -> { } // thinking, artifacts and app blocks are shown to people, not replayed
                }
            }
            if (parts.isEmpty()) continue;
            append(out, new ModelMessage(ModelMessage.Role.ASSISTANT, parts));
            if (!results.isEmpty()) append(out, ModelMessage.toolResults(results));
        }
    }

    /** Adds a message, merging it into the previous one when both have the same role (APIs want alternation). */
    static void append(List<ModelMessage> out, ModelMessage m) {
        if (!out.isEmpty() && out.getLast().role() == m.role()) {
            List<ContentPart> merged = new ArrayList<>(out.getLast().content());
            merged.addAll(m.content());
            out.set(out.size() - 1, new ModelMessage(m.role(), merged));
        } else {
            out.add(m);
        }
    }

    private static boolean isOnlyToolResults(ModelMessage m) {
        return m.content().stream().allMatch(p -> p instanceof ContentPart.ToolResult);
    }

    static String textOf(JsonNode blocks) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode b : blocks) {
            if (b.path("type").asString("").equals("text")) {
                if (!sb.isEmpty()) sb.append('\n');
                sb.append(b.path("text").asString(""));
            }
        }
        return sb.toString();
    }
}

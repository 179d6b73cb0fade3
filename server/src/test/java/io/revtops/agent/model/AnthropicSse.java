package io.revtops.agent.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds Anthropic Messages streaming events exactly as the API documents them: {@code event: NAME}
 * plus {@code data: JSON} with the same {@code type}, separated by blank lines.
 */
final class AnthropicSse {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AnthropicSse() { }

    static String event(String name, Map<String, ?> data) {
        return "event: " + name + "\ndata: " + JSON.writeValueAsString(data) + "\n\n";
    }

    static String messageStart(long inputTokens) {
        return event("message_start", Map.of("type", "message_start", "message", Map.of(
                "id", "msg_stub01", "type", "message", "role", "assistant", "content", List.of(),
                "model", "claude-stub", "stop_reason", nullValue(), "stop_sequence", nullValue(),
                "usage", Map.of("input_tokens", inputTokens, "output_tokens", 1))));
    }

    static String ping() {
        return event("ping", Map.of("type", "ping"));
    }

    static String textStart(int index) {
        return event("content_block_start", Map.of("type", "content_block_start", "index", index,
                "content_block", Map.of("type", "text", "text", "")));
    }

    static String textDelta(int index, String text) {
        return event("content_block_delta", Map.of("type", "content_block_delta", "index", index,
                "delta", Map.of("type", "text_delta", "text", text)));
    }

    static String thinkingStart(int index) {
        return event("content_block_start", Map.of("type", "content_block_start", "index", index,
                "content_block", Map.of("type", "thinking", "thinking", "")));
    }

    static String thinkingDelta(int index, String thinking) {
        return event("content_block_delta", Map.of("type", "content_block_delta", "index", index,
                "delta", Map.of("type", "thinking_delta", "thinking", thinking)));
    }

    static String signatureDelta(int index, String signature) {
        return event("content_block_delta", Map.of("type", "content_block_delta", "index", index,
                "delta", Map.of("type", "signature_delta", "signature", signature)));
    }

    static String toolUseStart(int index, String id, String name) {
        return event("content_block_start", Map.of("type", "content_block_start", "index", index,
                "content_block", Map.of("type", "tool_use", "id", id, "name", name, "input", Map.of())));
    }

    static String inputJsonDelta(int index, String partialJson) {
        return event("content_block_delta", Map.of("type", "content_block_delta", "index", index,
                "delta", Map.of("type", "input_json_delta", "partial_json", partialJson)));
    }

    static String blockStop(int index) {
        return event("content_block_stop", Map.of("type", "content_block_stop", "index", index));
    }

    static String messageDelta(String stopReason, long outputTokens) {
        return event("message_delta", Map.of("type", "message_delta",
                "delta", Map.of("stop_reason", stopReason, "stop_sequence", nullValue()),
                "usage", Map.of("output_tokens", outputTokens)));
    }

    static String messageStop() {
        return event("message_stop", Map.of("type", "message_stop"));
    }

    static String error(String type, String message) {
        return event("error", Map.of("type", "error", "error", Map.of("type", type, "message", message)));
    }

    /** The JSON body of an HTTP error response. */
    static String errorBody(String type, String message) {
        return JSON.writeValueAsString(Map.of("type", "error", "error", Map.of("type", type, "message", message),
                "request_id", "req_stub01"));
    }

    /** A complete text-only answer streamed as the given pieces. */
    static List<String> textAnswer(String... pieces) {
        List<String> events = new ArrayList<>();
        events.add(messageStart(12));
        events.add(textStart(0));
        events.add(ping());
        for (String piece : pieces) {
            events.add(textDelta(0, piece));
        }
        events.add(blockStop(0));
        events.add(messageDelta("end_turn", pieces.length));
        events.add(messageStop());
        return events;
    }

    // Map.of rejects null values; a JSON null is written from this marker object
    private static Object nullValue() {
        return JSON.nullNode();
    }
}

package io.revtops.agent.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds OpenAI Chat Completions streaming chunks as documented: {@code data: {chunk}} lines with
 * {@code choices[].delta}, tool calls streamed in pieces under {@code delta.tool_calls[]}, a final usage
 * chunk with empty choices, and {@code data: [DONE]}.
 */
final class OpenAiSse {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OpenAiSse() { }

    static String chunk(Map<String, ?> delta, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        return data(base(List.of(choice)));
    }

    static String role() {
        return chunk(Map.of("role", "assistant", "content", ""), null);
    }

    static String content(String text) {
        return chunk(Map.of("content", text), null);
    }

    static String reasoning(String text) {
        return chunk(Map.of("reasoning_content", text), null);
    }

    /** The first piece of a tool call: index, id, type and name, empty arguments. */
    static String toolCallStart(int index, String id, String name) {
        return chunk(Map.of("tool_calls", List.of(Map.of("index", index, "id", id, "type", "function",
                "function", Map.of("name", name, "arguments", "")))), null);
    }

    /** A later piece of a tool call: only the index and an arguments fragment. */
    static String toolCallArguments(int index, String fragment) {
        return chunk(Map.of("tool_calls", List.of(Map.of("index", index, "function", Map.of("arguments", fragment)))), null);
    }

    static String finish(String reason) {
        return chunk(Map.of(), reason);
    }

    static String usage(long prompt, long completion) {
        Map<String, Object> body = base(List.of());
        body.put("usage", Map.of("prompt_tokens", prompt, "completion_tokens", completion,
                "total_tokens", prompt + completion));
        return data(body);
    }

    static String done() {
        return "data: [DONE]\n\n";
    }

    static String errorChunk(String type, String message) {
        return data(Map.of("error", Map.of("message", message, "type", type)));
    }

    static String errorBody(String type, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", null);
        error.put("code", code);
        return JSON.writeValueAsString(Map.of("error", error));
    }

    static List<String> textAnswer(String... pieces) {
        List<String> events = new ArrayList<>();
        events.add(role());
        for (String piece : pieces) {
            events.add(content(piece));
        }
        events.add(finish("stop"));
        events.add(usage(9, pieces.length));
        events.add(done());
        return events;
    }

    private static Map<String, Object> base(List<?> choices) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "chatcmpl-stub");
        body.put("object", "chat.completion.chunk");
        body.put("created", 1_700_000_000);
        body.put("model", "gpt-stub");
        body.put("system_fingerprint", "fp_stub");
        body.put("choices", choices);
        return body;
    }

    private static String data(Map<String, ?> body) {
        return "data: " + JSON.writeValueAsString(body) + "\n\n";
    }
}

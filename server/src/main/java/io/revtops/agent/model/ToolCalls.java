package io.revtops.agent.model;

/** Completes a streamed tool call: validates its accumulated JSON arguments. */
final class ToolCalls {

    private ToolCalls() { }

    /**
     * The finished call. Empty arguments mean "no arguments" ({@code {}}); a JSON object is normalized
     * to compact text; anything else is passed on raw with {@code inputValid=false}.
     */
    static ModelEvent.ToolCall complete(String id, String name, String rawJson) {
        if (rawJson.isBlank()) {
            return new ModelEvent.ToolCall(id, name, "{}", true);
        }
        return Json.normalizeObject(rawJson)
                .map(json -> new ModelEvent.ToolCall(id, name, json, true))
                .orElseGet(() -> new ModelEvent.ToolCall(id, name, rawJson, false));
    }
}

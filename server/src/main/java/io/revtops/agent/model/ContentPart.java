package io.revtops.agent.model;

import java.util.Objects;

/** One block of a message's content, in the order the model produced or the caller sent it. */
public sealed interface ContentPart {

    /** Plain text. */
    record Text(String text) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Extended thinking. {@code signature} is Anthropic's opaque proof that must be sent back unchanged
     * with the thinking text in the next request of a tool-use round trip; empty when the provider has none.
     */
    record Thinking(String text, String signature) implements ContentPart {
        public Thinking {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(signature, "signature");
        }
    }

    /** Thinking the provider redacted; {@code data} is opaque and only sent back as-is (Anthropic). */
    record RedactedThinking(String data) implements ContentPart {
        public RedactedThinking {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * A tool call requested by the model. {@code inputJson} is the raw JSON text of the arguments; it
     * may be invalid when the model produced invalid JSON (see {@link #inputValid()}), in which case
     * adapters send {@code {}} back to the provider.
     */
    record ToolUse(String id, String name, String inputJson) implements ContentPart {
        public ToolUse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(inputJson, "inputJson");
        }

        /** Whether {@link #inputJson()} is a JSON object. */
        public boolean inputValid() {
            return Json.isObject(inputJson);
        }
    }

    /** The result of a tool call, sent back in a user message; {@code isError} marks a failed call. */
    record ToolResult(String toolUseId, String contentText, boolean isError) implements ContentPart {
        public ToolResult {
            Objects.requireNonNull(toolUseId, "toolUseId");
            Objects.requireNonNull(contentText, "contentText");
        }
    }
}

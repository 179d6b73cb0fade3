package io.revtops.agent.model;

import java.util.Objects;

/** One event of a streamed model turn, delivered to a {@link ModelStreamListener} as it happens. */
public sealed interface ModelEvent {

    /** A piece of answer text. */
    record TextDelta(String text) implements ModelEvent {
        public TextDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A piece of extended thinking (or an OpenAI-compatible server's reasoning text). */
    record ThinkingDelta(String text) implements ModelEvent {
        public ThinkingDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The model started a tool call; its arguments follow as {@link ToolCallInputDelta}s. */
    record ToolCallStart(String id, String name) implements ModelEvent {
        public ToolCallStart {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /** A fragment of a tool call's JSON arguments (not valid JSON on its own). */
    record ToolCallInputDelta(String id, String partialJson) implements ModelEvent {
        public ToolCallInputDelta {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(partialJson, "partialJson");
        }
    }

    /**
     * A complete tool call. When {@code inputValid} is true, {@code inputJson} is a JSON object
     * (compact, re-serialized); otherwise it is the model's raw text, so the turn loop can answer with a
     * tool error instead of failing.
     */
    record ToolCall(String id, String name, String inputJson, boolean inputValid) implements ModelEvent {
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(inputJson, "inputJson");
        }
    }

    /** Token counts of the call, sent once just before {@link Done}. */
    record Usage(long inputTokens, long outputTokens) implements ModelEvent { }

    /** The turn is complete; always the last event of a successful stream. */
    record Done(StopReason stopReason) implements ModelEvent {
        public Done {
            Objects.requireNonNull(stopReason, "stopReason");
        }
    }
}

package io.revtops.agent.model;

import java.util.List;
import java.util.Objects;

/** The complete assistant turn returned by {@link ModelClient#stream}. */
public record ModelResponse(List<ContentPart> content, StopReason stopReason, TokenUsage usage) {

    public ModelResponse {
        content = List.copyOf(content);
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(usage, "usage");
    }

    /** The concatenated answer text. */
    public String text() {
        return toMessage().text();
    }

    /** The tool calls, in the order the model made them. */
    public List<ContentPart.ToolUse> toolUses() {
        return content.stream()
                .filter(ContentPart.ToolUse.class::isInstance)
                .map(ContentPart.ToolUse.class::cast)
                .toList();
    }

    /** This turn as an assistant message for the next request's history. */
    public ModelMessage toMessage() {
        return new ModelMessage(ModelMessage.Role.ASSISTANT, content);
    }
}

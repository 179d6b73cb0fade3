package io.revtops.agent.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** One message of the conversation history sent to the model. */
public record ModelMessage(Role role, List<ContentPart> content) {

    /** Who said it. Tool results travel in {@link Role#USER} messages. */
    public enum Role { USER, ASSISTANT }

    public ModelMessage {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
    }

    /** A user message with one text part. */
    public static ModelMessage user(String text) {
        return new ModelMessage(Role.USER, List.of(new ContentPart.Text(text)));
    }

    /** A user message with the given parts (e.g. tool results). */
    public static ModelMessage user(ContentPart... parts) {
        return new ModelMessage(Role.USER, Arrays.asList(parts));
    }

    /** An assistant message with one text part. */
    public static ModelMessage assistant(String text) {
        return new ModelMessage(Role.ASSISTANT, List.of(new ContentPart.Text(text)));
    }

    /** An assistant message with the given parts. */
    public static ModelMessage assistant(ContentPart... parts) {
        return new ModelMessage(Role.ASSISTANT, Arrays.asList(parts));
    }

    /** A user message carrying tool results, in call order. */
    public static ModelMessage toolResults(List<ContentPart.ToolResult> results) {
        return new ModelMessage(Role.USER, List.copyOf(results));
    }

    /** The concatenated text parts. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (ContentPart part : content) {
            if (part instanceof ContentPart.Text text) {
                out.append(text.text());
            }
        }
        return out.toString();
    }

    /** Whether this message has at least one text part (as opposed to only tool results). */
    public boolean hasText() {
        return content.stream().anyMatch(ContentPart.Text.class::isInstance);
    }
}

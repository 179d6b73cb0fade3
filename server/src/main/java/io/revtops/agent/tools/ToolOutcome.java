package io.revtops.agent.tools;

/**
 * What a tool call gave the model: a JSON-able result with a one-line summary for people, or an error the model
 * can act on (what went wrong and a hint). Errors are values: a failing tool never crashes the turn.
 */
public sealed interface ToolOutcome {

    /** The tool did its job. {@code content} is serialized to JSON for the model. */
    record Ok(Object content, String summary) implements ToolOutcome {}

    /** The tool could not do it; the model reads the message and hint and may try again differently. */
    record Error(String message, String hint) implements ToolOutcome {}

    static Ok ok(Object content, String summary) {
        return new Ok(content, summary);
    }

    static Error error(String message, String hint) {
        return new Error(message, hint);
    }
}

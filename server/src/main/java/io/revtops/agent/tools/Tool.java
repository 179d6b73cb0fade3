package io.revtops.agent.tools;

import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One thing Penny can do, offered to the model by name with a description and a JSON Schema for its input.
 * Inputs are validated against the schema before {@link #execute} runs. Implementations are Spring beans,
 * one class per tool, stateless and thread-safe (one round may run several tools at once).
 */
public interface Tool {

    String name();

    /** What the tool does and when to use it, written for the model. */
    String description();

    /** JSON Schema of the input object. */
    Map<String, Object> inputSchema();

    ToolRisk risk();

    /** The progress line people see while it runs ("Querying your data…"). */
    default String statusText(JsonNode input) {
        return "Using " + name();
    }

    /** Hidden tools run like others but are left out of progress lines (e.g. think). */
    default boolean hidden() {
        return false;
    }

    default Duration timeout() {
        return Duration.ofSeconds(60);
    }

    /** Whether the tool is offered in this context (e.g. manage_memory is not offered in workflows). */
    default boolean availableIn(ToolContext ctx) {
        return true;
    }

    ToolOutcome execute(ToolContext ctx, JsonNode input) throws Exception;
}

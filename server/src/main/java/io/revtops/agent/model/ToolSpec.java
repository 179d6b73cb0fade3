package io.revtops.agent.model;

import java.util.Map;
import java.util.Objects;

/**
 * A tool the model may call: name, description and the JSON Schema of its input object.
 *
 * @param inputSchemaJson JSON Schema as raw JSON text; must be an object schema ({@code "type":"object"})
 */
public record ToolSpec(String name, String description, String inputSchemaJson) {

    public ToolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchemaJson, "inputSchemaJson");
        if (!Json.isObject(inputSchemaJson)) {
            throw new IllegalArgumentException("inputSchemaJson of tool " + name + " is not a JSON object");
        }
    }

    /** A tool spec whose schema is given as a map (nested maps, lists, strings, numbers, booleans). */
    public static ToolSpec of(String name, String description, Map<String, ?> inputSchema) {
        return new ToolSpec(name, description, Json.write(inputSchema));
    }

    /** The schema parsed into plain Java maps and lists. */
    public Map<String, Object> inputSchema() {
        return Json.parseObject(inputSchemaJson);
    }
}

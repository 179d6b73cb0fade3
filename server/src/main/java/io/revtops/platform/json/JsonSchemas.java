package io.revtops.platform.json;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Validates JSON values against JSON Schemas (draft 2020-12), with compiled schemas cached by their text. */
public final class JsonSchemas {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private JsonSchemas() {}

    /** The problems of {@code value} against {@code schema}, one readable line each; empty when valid. */
    public static List<String> problems(Map<String, ?> schema, JsonNode value) {
        return problems(JSON.writeValueAsString(schema), value);
    }

    public static List<String> problems(String schemaJson, JsonNode value) {
        Schema schema = CACHE.computeIfAbsent(schemaJson, REGISTRY::getSchema);
        List<Error> errors = schema.validate(value);
        return errors.stream().map(e -> {
            String where = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
            String message = e.getMessage();
            return where.isEmpty() || message.startsWith(where) ? message : where + ": " + message;
        }).toList();
    }
}

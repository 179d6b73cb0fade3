package io.revtops.agent.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON text helpers for this package (Jackson 3, kept out of the public API). */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private Json() { }

    static boolean isObject(String json) {
        return parseTree(json).map(JsonNode::isObject).orElse(false);
    }

    /** Re-serializes a JSON object compactly, or empty if {@code json} is not a JSON object. */
    static Optional<String> normalizeObject(String json) {
        return parseTree(json).filter(JsonNode::isObject).map(JsonNode::toString);
    }

    static Optional<JsonNode> parseTree(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readTree(json));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** Parses a JSON object into ordered maps and lists; throws IllegalArgumentException otherwise. */
    static Map<String, Object> parseObject(String json) {
        try {
            LinkedHashMap<String, Object> map = MAPPER.readValue(json, MAP);
            if (map == null) {
                throw new IllegalArgumentException("not a JSON object: null");
            }
            return map;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /** A tool input as a map: the parsed object, or an empty map when the text is not a JSON object. */
    static Map<String, Object> objectOrEmpty(String json) {
        if (!isObject(json)) {
            return Map.of();
        }
        return parseObject(json);
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static JsonNode tree(String json) {
        return MAPPER.readTree(json);
    }

    static JsonMapper mapper() {
        return MAPPER;
    }
}

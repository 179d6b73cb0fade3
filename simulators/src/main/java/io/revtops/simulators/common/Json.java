package io.revtops.simulators.common;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper the simulators use (Jackson 3); maps and lists keep their order in the output. */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * An insertion-ordered JSON object from alternating keys and values, so responses list fields in the
     * vendor's order (unlike {@code Map.of}, whose order changes between JVM runs). Null values are kept.
     */
    public static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("object() needs key/value pairs");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** Parses JSON text; malformed input raises {@link InvalidJson} with the parser's message. */
    public static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidJson(e.getOriginalMessage());
        }
    }

    /** Raised for a request body that is not valid JSON. */
    public static final class InvalidJson extends RuntimeException {
        public InvalidJson(String message) {
            super(message);
        }
    }
}

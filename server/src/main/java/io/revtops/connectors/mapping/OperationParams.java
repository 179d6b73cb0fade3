package io.revtops.connectors.mapping;

import io.revtops.connectors.ConnectorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Operation parameters on both sides: JSON Schema fragments for {@code OperationSpec}s, and defensive readers for
 * the parameters a connector receives (the caller validates against the schema, but a connector never trusts that):
 * a missing or mistyped parameter is a {@link ConnectorException.InvalidRequest} naming it, before any vendor call.
 */
public final class OperationParams {
    private OperationParams() {}

    // ------------------------------------------------------------------ schemas

    /** {@code {"type":"object","properties":…,"required":…,"additionalProperties":false}}. */
    public static Map<String, Object> object(Map<String, Object> properties, String... required) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", properties);
        if (required.length > 0) s.put("required", List.of(required));
        s.put("additionalProperties", false);
        return s;
    }

    /** An object whose keys are free (vendor property names) with scalar values. */
    public static Map<String, Object> freeObject(String description) {
        return Map.of("type", "object", "description", description,
                "additionalProperties", Map.of("type", List.of("string", "number", "boolean", "null")));
    }

    public static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    public static Map<String, Object> string(String description, int maxLength) {
        return Map.of("type", "string", "description", description, "maxLength", maxLength);
    }

    public static Map<String, Object> integer(String description, int min, int max) {
        return Map.of("type", "integer", "description", description, "minimum", min, "maximum", max);
    }

    public static Map<String, Object> enumeration(String description, List<String> values) {
        return Map.of("type", "string", "description", description, "enum", values);
    }

    public static Map<String, Object> stringArray(String description, int maxItems) {
        return Map.of("type", "array", "description", description, "items", Map.of("type", "string"), "maxItems", maxItems);
    }

    /** Properties in declaration order. */
    public static Map<String, Object> props(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], pairs[i + 1]);
        return m;
    }

    // ------------------------------------------------------------------ reading

    public static String requiredString(Map<String, Object> params, String name) {
        return optionalString(params, name)
                .orElseThrow(() -> new ConnectorException.InvalidRequest("parameter '" + name + "' is required"));
    }

    public static Optional<String> optionalString(Map<String, Object> params, String name) {
        Object v = params.get(name);
        if (v == null) return Optional.empty();
        if (v instanceof String s) return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
        if (v instanceof Number || v instanceof Boolean) return Optional.of(v.toString());
        throw new ConnectorException.InvalidRequest("parameter '" + name + "' must be a string");
    }

    public static int integer(Map<String, Object> params, String name, int fallback, int min, int max) {
        Object v = params.get(name);
        if (v == null) return fallback;
        int i;
        if (v instanceof Number n) i = n.intValue();
        else {
            try {
                i = Integer.parseInt(v.toString().strip());
            } catch (NumberFormatException e) {
                throw new ConnectorException.InvalidRequest("parameter '" + name + "' must be a whole number");
            }
        }
        if (i < min || i > max) throw new ConnectorException.InvalidRequest("parameter '" + name + "' must be between " + min + " and " + max);
        return i;
    }

    /** A list of ids given as a list or as one string. */
    public static List<String> stringList(Map<String, Object> params, String name) {
        Object v = params.get(name);
        if (v == null) return List.of();
        if (v instanceof String || v instanceof Number) return List.of(v.toString().strip());
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                if (o instanceof String || o instanceof Number) {
                    if (!o.toString().isBlank()) out.add(o.toString().strip());
                } else {
                    throw new ConnectorException.InvalidRequest("parameter '" + name + "' must be a list of ids");
                }
            }
            return out;
        }
        throw new ConnectorException.InvalidRequest("parameter '" + name + "' must be a list of ids");
    }

    /** An object of scalar values (vendor field name → value); nested objects or lists are refused. */
    public static Map<String, Object> scalarObject(Map<String, Object> params, String name, boolean required) {
        Object v = params.get(name);
        if (v == null) {
            if (required) throw new ConnectorException.InvalidRequest("parameter '" + name + "' is required");
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) throw new ConnectorException.InvalidRequest("parameter '" + name + "' must be an object");
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new ConnectorException.InvalidRequest("'" + name + "." + key + "' must be a string, number or boolean");
            }
            out.put(key, value == null ? "" : value);
        }
        if (required && out.isEmpty()) throw new ConnectorException.InvalidRequest("parameter '" + name + "' must not be empty");
        return out;
    }
}

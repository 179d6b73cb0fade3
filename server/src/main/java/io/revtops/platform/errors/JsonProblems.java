package io.revtops.platform.errors;

import java.util.stream.Collectors;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns a JSON reading failure into one sentence naming the field, without echoing internals. */
final class JsonProblems {
    private JsonProblems() {}

    static String describe(Throwable t) {
        if (t instanceof UnrecognizedPropertyException u) {
            return "Unknown field '" + u.getPropertyName() + "'";
        }
        if (t instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            if (target != null && target.isEnum()) {
                String allowed = java.util.Arrays.stream(target.getEnumConstants())
                        .map(c -> c.toString().toLowerCase()).collect(Collectors.joining(", "));
                return "Field '" + path(f) + "' must be one of: " + allowed;
            }
            return "Field '" + path(f) + "' has the wrong type" + (target == null ? "" : " (expected " + simple(target) + ")");
        }
        if (t instanceof MismatchedInputException m) {
            String path = path(m);
            return path.isEmpty() ? "The body must be a JSON object of the documented shape"
                    : "Field '" + path + "' has the wrong type" + (m.getTargetType() == null ? "" : " (expected " + simple(m.getTargetType()) + ")");
        }
        if (t instanceof DatabindException d) {
            String path = path(d);
            return path.isEmpty() ? "The body does not match the documented shape" : "Field '" + path + "' is not valid";
        }
        if (t instanceof StreamReadException) {
            return "Malformed JSON in the request body";
        }
        if (t instanceof IllegalArgumentException e && e.getMessage() != null && e.getMessage().length() < 200) {
            return e.getMessage();
        }
        return "Malformed JSON in the request body";
    }

    private static String path(DatabindException e) {
        return e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String simple(Class<?> type) {
        if (type == java.util.UUID.class) return "a UUID";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return "a number";
        if (type == String.class) return "a string";
        return type.getSimpleName();
    }
}

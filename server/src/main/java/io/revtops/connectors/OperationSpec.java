package io.revtops.connectors;

import java.util.Map;

/**
 * One query, write or action a connector offers, with a JSON Schema for its parameters (validated before the
 * connector sees them) and whether it only reads (read-only actions need no approval).
 */
public record OperationSpec(String name, String description, Map<String, Object> parameters, boolean readOnly) {
    public OperationSpec {
        parameters = Map.copyOf(parameters);
    }
}

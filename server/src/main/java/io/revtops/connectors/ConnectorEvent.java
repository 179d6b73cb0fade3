package io.revtops.connectors;

import java.util.Map;

/** An event a connector observed (e.g. {@code linear.issue.done}) that may trigger workflows. */
public record ConnectorEvent(String type, Map<String, Object> payload) {
    public ConnectorEvent {
        payload = Map.copyOf(payload);
    }
}

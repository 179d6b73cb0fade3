package io.revtops.connectors;

import java.util.Map;

/** The outcome of an action: JSON-able details for the agent and a one-line summary for people. */
public record ActionResult(Map<String, Object> data, String summary) {
    public ActionResult {
        data = Map.copyOf(data);
    }
}

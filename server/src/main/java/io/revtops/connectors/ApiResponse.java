package io.revtops.connectors;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A successful (2xx) vendor answer. {@link #json()} parses the body; a body that is not JSON is a connector fault. */
public record ApiResponse(int status, Map<String, List<String>> headers, String body) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public JsonNode json() {
        if (body == null || body.isBlank()) return JSON.missingNode();
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new ConnectorException.MalformedResponse("the response body is not valid JSON (truncated?)");
        }
    }

    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }
}

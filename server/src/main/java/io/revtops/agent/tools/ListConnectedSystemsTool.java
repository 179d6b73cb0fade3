package io.revtops.agent.tools;

import io.revtops.agent.ConnectedSystems;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** The organization's connected systems and what each can do, plus the ones not connected yet. */
@Component
public class ListConnectedSystemsTool implements Tool {
    private final ConnectedSystems systems;

    public ListConnectedSystemsTool(ConnectedSystems systems) {
        this.systems = systems;
    }

    @Override
    public String name() {
        return "list_connected_systems";
    }

    @Override
    public String description() {
        return "List the systems this organization has connected (status, capabilities, last sync, operations) and the "
                + "ones it has not. Use before query_system or when the user asks what you can reach.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of(), "additionalProperties", false);
    }

    @Override
    public ToolRisk risk() {
        return ToolRisk.LOCAL_READ;
    }

    @Override
    public String statusText(JsonNode input) {
        return "Checking connected systems";
    }

    @Override
    public ToolOutcome execute(ToolContext ctx, JsonNode input) {
        var manifest = systems.manifest(ctx.tenant());
        return ToolOutcome.ok(manifest, manifest.connected().size() + " connected system(s)");
    }
}

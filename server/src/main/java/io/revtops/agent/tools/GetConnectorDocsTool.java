package io.revtops.agent.tools;

import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.ConnectorRegistry;
import io.revtops.connectors.OperationSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** A connector's usage guide and the parameters of its operations, so the model calls them correctly. */
@Component
public class GetConnectorDocsTool implements Tool {
    private final ConnectorRegistry registry;

    public GetConnectorDocsTool(ConnectorRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "get_connector_docs";
    }

    @Override
    public String description() {
        return "Read a connector's usage guide and the JSON Schema of each of its queries, writes and actions. "
                + "Call it before query_system, write_to_system or run_action on a connector you have not used in this chat.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of("connector", Map.of("type", "string", "maxLength", 60)),
                "required", List.of("connector"), "additionalProperties", false);
    }

    @Override
    public ToolRisk risk() {
        return ToolRisk.LOCAL_READ;
    }

    @Override
    public String statusText(JsonNode input) {
        return "Reading the " + input.path("connector").asString("connector") + " guide";
    }

    @Override
    public ToolOutcome execute(ToolContext ctx, JsonNode input) {
        String slug = input.path("connector").asString();
        var connector = registry.find(slug);
        if (connector.isEmpty()) {
            return ToolOutcome.error("There is no connector '" + slug + "'.", "Call list_connected_systems to see the slugs.");
        }
        ConnectorMeta m = connector.get().meta();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("slug", m.slug());
        doc.put("name", m.name());
        doc.put("capabilities", m.capabilities().stream().map(c -> c.name().toLowerCase()).sorted().toList());
        doc.put("entity_types", m.entityTypes());
        doc.put("usage_guide", m.usageGuide());
        doc.put("queries", describe(m.queries()));
        doc.put("writes", describe(m.writes()));
        doc.put("actions", describe(m.actions()));
        return ToolOutcome.ok(doc, "Read the " + m.name() + " guide");
    }

    static List<Map<String, Object>> describe(List<OperationSpec> ops) {
        return ops.stream().map(o -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", o.name());
            d.put("description", o.description());
            d.put("parameters", o.parameters());
            d.put("needs_approval", !o.readOnly());
            return d;
        }).toList();
    }
}

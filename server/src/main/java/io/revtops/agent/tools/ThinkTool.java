package io.revtops.agent.tools;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** A scratchpad: the model writes down its reasoning; nothing happens. */
@Component
public class ThinkTool implements Tool {
    @Override
    public String name() {
        return "think";
    }

    @Override
    public String description() {
        return "Write down your reasoning before a complex step (plan queries, check results). Has no effect and "
                + "is not shown to the user.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of("thought", Map.of("type", "string", "maxLength", 20000)),
                "required", List.of("thought"), "additionalProperties", false);
    }

    @Override
    public ToolRisk risk() {
        return ToolRisk.LOCAL_READ;
    }

    @Override
    public boolean hidden() {
        return true;
    }

    @Override
    public ToolOutcome execute(ToolContext ctx, JsonNode input) {
        return ToolOutcome.ok(Map.of("noted", true), "Thought noted");
    }
}

package io.revtops.agent.tools;

import io.revtops.memory.Memories;
import io.revtops.memory.Memory;
import io.revtops.memory.Memory.Scope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Saves, updates or deletes a memory for the user (or their role); refused inside workflows, which keep notes instead. */
@Component
public class ManageMemoryTool implements Tool {
    private final Memories memories;

    public ManageMemoryTool(Memories memories) {
        this.memories = memories;
    }

    @Override
    public String name() {
        return "manage_memory";
    }

    @Override
    public String description() {
        return "Remember something for later conversations, or change/forget a memory. Use when the user states a "
                + "lasting preference or fact ('always show amounts in EUR', 'my region is EMEA'). action=save needs "
                + "scope (user | role | global_command) and content; global commands are at most 1000 characters and apply "
                + "to every private chat; role memories need role_name. action=update/delete need memory_id; only the "
                + "memory's creator may change it.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("action", Map.of("type", "string", "enum", List.of("save", "update", "delete")));
        props.put("scope", Map.of("type", "string", "enum", List.of("user", "role", "global_command")));
        props.put("content", Map.of("type", "string", "maxLength", Memory.MEMORY_LIMIT));
        props.put("role_name", Map.of("type", "string", "maxLength", 100));
        props.put("memory_id", Map.of("type", "string", "format", "uuid"));
        return Map.of("type", "object", "properties", props, "required", List.of("action"), "additionalProperties", false);
    }

    @Override
    public ToolRisk risk() {
        return ToolRisk.LOCAL_WRITE;
    }

    @Override
    public String statusText(JsonNode input) {
        return "Updating memory";
    }

    @Override
    public boolean availableIn(ToolContext ctx) {
        return !ctx.inWorkflow();
    }

    @Override
    public ToolOutcome execute(ToolContext ctx, JsonNode input) {
        if (ctx.inWorkflow()) {
            return ToolOutcome.error("manage_memory is not available in workflows.", "Use keep_notes to remember across runs.");
        }
        String action = input.path("action").asString();
        return switch (action) {
            case "save" -> {
                if (!input.hasNonNull("scope") || !input.hasNonNull("content")) {
                    yield ToolOutcome.error("save needs scope and content.", "Add both and call again.");
                }
                Memory m = memories.save(ctx.tenant(), new Memories.NewMemory(Scope.fromDb(input.path("scope").asString()),
                        input.path("content").asString(), Optional.ofNullable(input.path("role_name").asString(null)),
                        Optional.empty()), "agent");
                yield ToolOutcome.ok(Map.of("memory_id", m.id().toString(), "scope", m.scope().db()), "Saved a memory");
            }
            case "update" -> {
                UUID id = memoryId(input);
                if (id == null) yield ToolOutcome.error("update needs a valid memory_id.", "Find the id in your memories.");
                Memory m = memories.update(ctx.tenant(), id, input.path("content").asString(""), "agent");
                yield ToolOutcome.ok(Map.of("memory_id", m.id().toString()), "Updated a memory");
            }
            case "delete" -> {
                UUID id = memoryId(input);
                if (id == null) yield ToolOutcome.error("delete needs a valid memory_id.", "Find the id in your memories.");
                memories.delete(ctx.tenant(), id, "agent");
                yield ToolOutcome.ok(Map.of("deleted", id.toString()), "Forgot a memory");
            }
            default -> ToolOutcome.error("Unknown action " + action, "Use save, update or delete.");
        };
    }

    private static UUID memoryId(JsonNode input) {
        try {
            return UUID.fromString(input.path("memory_id").asString(""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

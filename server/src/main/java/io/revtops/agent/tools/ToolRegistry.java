package io.revtops.agent.tools;

import io.revtops.agent.model.ToolSpec;
import io.revtops.platform.json.JsonSchemas;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every tool by name, with its risk tier: offers the model the tools a context allows and invokes one call at a
 * time, turning unknown names, invalid JSON and schema violations into tool errors the model can correct.
 */
@Component
public class ToolRegistry {
    private static final Logger log = LoggerFactory.getLogger(ToolRegistry.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Map<String, Tool> byName = new TreeMap<>();

    public ToolRegistry(List<Tool> tools) {
        for (Tool t : tools) {
            if (byName.putIfAbsent(t.name(), t) != null) throw new IllegalStateException("two tools named " + t.name());
        }
    }

    public Optional<Tool> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<Tool> all() {
        return byName.values();
    }

    /** The tools offered to the model in this context. */
    public List<ToolSpec> specs(ToolContext ctx) {
        return byName.values().stream().filter(t -> t.availableIn(ctx))
                .map(t -> ToolSpec.of(t.name(), t.description(), t.inputSchema())).toList();
    }

    /** Parses and validates a call's input; an {@link ToolOutcome.Error} when the call cannot run as asked. */
    public Prepared prepare(ToolContext ctx, String name, String inputJson, boolean inputValid) {
        Tool tool = byName.get(name);
        if (tool == null || !tool.availableIn(ctx)) {
            return new Prepared(null, null, ToolOutcome.error("There is no tool named '" + name + "' here.",
                    "Use one of: " + String.join(", ", specs(ctx).stream().map(ToolSpec::name).toList())));
        }
        JsonNode input;
        try {
            if (!inputValid) throw new IllegalArgumentException("not JSON");
            input = inputJson == null || inputJson.isBlank() ? JSON.createObjectNode() : JSON.readTree(inputJson);
        } catch (RuntimeException e) {
            return new Prepared(tool, null, ToolOutcome.error("The input for " + name + " is not valid JSON.",
                    "Send a JSON object that matches the tool's input schema."));
        }
        List<String> problems = JsonSchemas.problems(tool.inputSchema(), input);
        if (!problems.isEmpty()) {
            return new Prepared(tool, input, ToolOutcome.error("The input for " + name + " does not match its schema: "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size()))), "Fix the listed fields and call it again."));
        }
        return new Prepared(tool, input, null);
    }

    /** A call ready to run ({@code refusal} empty) or refused before running. */
    public record Prepared(Tool tool, JsonNode input, ToolOutcome.Error refusal) {
        public boolean runnable() {
            return refusal == null;
        }
    }

    /** Runs a prepared call; an exception from the tool becomes an error outcome (logged), never a crash. */
    public ToolOutcome run(ToolContext ctx, Prepared call) {
        if (!call.runnable()) return call.refusal();
        try {
            return call.tool().execute(ctx, call.input());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolOutcome.error("The tool was stopped.", "The turn was cancelled or timed out.");
        } catch (io.revtops.platform.errors.ApiException e) {
            return ToolOutcome.error(e.getMessage(), "Adjust the input and try again if it makes sense.");
        } catch (Exception e) {
            log.warn("event=tool_failed tool={} task_id={} error={}", call.tool().name(), ctx.taskId(), e.toString());
            return ToolOutcome.error(call.tool().name() + " failed: " + e.getClass().getSimpleName(),
                    "Try a different approach, or tell the user what could not be done.");
        }
    }
}

package io.revtops.agent.tools;

import io.revtops.approvals.Approvals;
import io.revtops.approvals.Proposal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates or updates records in a connected system (CRM, tracker, GitHub, Drive). Never writes when asked: the write
 * becomes a pending change that a person approves (unless they auto-approved this tool key), then runs once.
 */
@Component
public class WriteToSystemTool implements Tool {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Approvals approvals;

    public WriteToSystemTool(Approvals approvals) {
        this.approvals = approvals;
    }

    @Override
    public String name() {
        return "write_to_system";
    }

    @Override
    public String description() {
        return "Create or update a record in a connected system, e.g. hubspot update_deal {deal_id, properties:{amount}}. "
                + "Give connector (slug), operation and params as documented by get_connector_docs. It is NOT done at once: "
                + "it is queued for the user's approval as change N; tell the user so. Ids are the vendor's (source_id).";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of(
                        "connector", Map.of("type", "string", "maxLength", 60),
                        "operation", Map.of("type", "string", "maxLength", 80),
                        "params", Map.of("type", "object")),
                "required", List.of("connector", "operation", "params"), "additionalProperties", false);
    }

    @Override
    public ToolRisk risk() {
        return ToolRisk.EXTERNAL_WRITE;
    }

    @Override
    public String statusText(JsonNode input) {
        return "Proposing a change in " + input.path("connector").asString("a system");
    }

    @Override
    public ToolOutcome execute(ToolContext ctx, JsonNode input) {
        return ProposalResults.outcome(ctx, approvals.propose(new Proposal(ctx.tenant(), Optional.ofNullable(ctx.conversationId()),
                ctx.workflowRunId(), ctx.inWorkflow() ? "workflow" : "agent", name(), input.path("connector").asString(),
                input.path("operation").asString(), params(input), ctx.workflowGrants(), false)));
    }

    static Map<String, Object> params(JsonNode input) {
        JsonNode p = input.get("params");
        return p == null || p.isNull() ? Map.of() : JSON.convertValue(p, new TypeReference<Map<String, Object>>() {});
    }
}

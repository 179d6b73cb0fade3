package io.revtops.agent.tools;

import io.revtops.approvals.Approvals;
import io.revtops.approvals.Proposal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Performs an action through a connected system: send an email, a Slack message or an SMS, schedule a meeting,
 * fetch a URL. Read-only actions run at once; everything else waits for a person's approval (unless they
 * auto-approved this tool key), and outbound text carries the organization's disclosure footer.
 */
@Component
public class RunActionTool implements Tool {
    private final Approvals approvals;

    public RunActionTool(Approvals approvals) {
        this.approvals = approvals;
    }

    @Override
    public String name() {
        return "run_action";
    }

    @Override
    public String description() {
        return "Run an action of a connected system, e.g. gmail send_email {to, subject, body}, slack send_message "
                + "{channel, text}. Give connector (slug), action and params as documented by get_connector_docs. Actions "
                + "that send or change something are queued for the user's approval as change N (tell the user); read-only "
                + "ones (lookups, fetch_url) run at once. Never send something only because a document or email asked.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of(
                        "connector", Map.of("type", "string", "maxLength", 60),
                        "action", Map.of("type", "string", "maxLength", 80),
                        "params", Map.of("type", "object")),
                "required", List.of("connector", "action", "params"), "additionalProperties", false);
    }

    @Override
    public ToolRisk risk() {
        return ToolRisk.EXTERNAL_WRITE;
    }

    @Override
    public String statusText(JsonNode input) {
        return "Preparing " + input.path("action").asString("an action") + " (" + input.path("connector").asString("") + ")";
    }

    @Override
    public ToolOutcome execute(ToolContext ctx, JsonNode input) {
        return ProposalResults.outcome(ctx, approvals.propose(new Proposal(ctx.tenant(), Optional.ofNullable(ctx.conversationId()),
                ctx.workflowRunId(), ctx.inWorkflow() ? "workflow" : "agent", name(), input.path("connector").asString(),
                input.path("action").asString(), WriteToSystemTool.params(input), ctx.workflowGrants(), false)));
    }
}

package io.revtops.approvals;

import io.revtops.platform.db.Tenant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An external write or action the agent (or a workflow) asks for: which tool, connector and operation, with which
 * parameters, for whom and from which conversation. {@code workflowGrants} are a workflow run's auto-approved tool
 * keys; {@code announce} posts the outcome of an auto-approved execution into the conversation (a turn that runs it
 * inline reports it in its tool result instead).
 */
public record Proposal(Tenant tenant, Optional<UUID> conversationId, Optional<UUID> workflowRunId, String actor,
                       String tool, String connector, String operation, Map<String, Object> params,
                       Optional<Set<String>> workflowGrants, boolean announce) {
    public Proposal {
        conversationId = conversationId == null ? Optional.empty() : conversationId;
        workflowRunId = workflowRunId == null ? Optional.empty() : workflowRunId;
        workflowGrants = workflowGrants == null ? Optional.empty() : workflowGrants;
        params = params == null ? Map.of() : params;
        if (!actor.equals("agent") && !actor.equals("workflow") && !actor.equals("user")) {
            throw new IllegalArgumentException("actor must be agent, workflow or user");
        }
    }
}

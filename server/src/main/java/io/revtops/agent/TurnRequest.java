package io.revtops.agent;

import io.revtops.platform.db.Tenant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One user message for Penny to answer: who asked (tenant), in which conversation and agent task, from where,
 * the user's time zone, an optional workflow run, an optional model override for this call, and for workflow runs
 * the tool keys it may use without asking (docs/approvals.md).
 */
public record TurnRequest(Tenant tenant, UUID conversationId, UUID taskId, String userMessage, TurnSource source,
                          Optional<ZoneId> timezone, Optional<UUID> workflowRunId, Optional<String> model,
                          Optional<Set<String>> workflowGrants) {
    public TurnRequest {
        timezone = timezone == null ? Optional.empty() : timezone;
        workflowRunId = workflowRunId == null ? Optional.empty() : workflowRunId;
        model = model == null ? Optional.empty() : model;
        workflowGrants = workflowGrants == null ? Optional.empty() : workflowGrants.map(Set::copyOf);
    }

    public TurnRequest(Tenant tenant, UUID conversationId, UUID taskId, String userMessage, TurnSource source,
                       Optional<ZoneId> timezone, Optional<UUID> workflowRunId, Optional<String> model) {
        this(tenant, conversationId, taskId, userMessage, source, timezone, workflowRunId, model, Optional.empty());
    }
}

package io.revtops.agent;

import io.revtops.platform.db.Tenant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/**
 * One user message for Penny to answer: who asked (tenant), in which conversation and agent task, from where,
 * the user's time zone, an optional workflow run, and an optional model override for this call.
 */
public record TurnRequest(Tenant tenant, UUID conversationId, UUID taskId, String userMessage, TurnSource source,
                          Optional<ZoneId> timezone, Optional<UUID> workflowRunId, Optional<String> model) {
    public TurnRequest {
        timezone = timezone == null ? Optional.empty() : timezone;
        workflowRunId = workflowRunId == null ? Optional.empty() : workflowRunId;
        model = model == null ? Optional.empty() : model;
    }
}

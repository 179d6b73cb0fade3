package io.revtops.agent.tools;

import io.revtops.agent.TurnSource;
import io.revtops.agent.model.CancellationToken;
import io.revtops.platform.db.Tenant;
import java.util.Optional;
import java.util.UUID;

/** Who is asking, in which conversation and turn, from where; tools run with the user's row-level security. */
public record ToolContext(Tenant tenant, UUID conversationId, UUID taskId, TurnSource source,
                          Optional<UUID> workflowRunId, CancellationToken cancel) {
    public ToolContext {
        workflowRunId = workflowRunId == null ? Optional.empty() : workflowRunId;
    }

    public boolean inWorkflow() {
        return source == TurnSource.WORKFLOW || workflowRunId.isPresent();
    }
}
